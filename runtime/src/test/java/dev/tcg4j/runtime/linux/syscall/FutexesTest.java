package dev.tcg4j.runtime.linux.syscall;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.memory.FlatGuestMemory;
import dev.tcg4j.runtime.linux.Errno;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The futex queues with real host threads waiting: who is woken, how many, and what each wait returns. */
class FutexesTest {
    private static final long A = 0x1000;
    private static final long B = 0x1008;

    private final GuestMemory memory = new FlatGuestMemory(32);
    private final Futexes futexes = new Futexes();
    private final List<Thread> threads = new ArrayList<>();

    FutexesTest() {
        memory.map(0, 0x2000, GuestMemory.READ | GuestMemory.WRITE);
    }

    @AfterEach
    void close() throws InterruptedException {
        for (Thread t : threads) {
            t.interrupt();
            t.join();
        }
        memory.close();
    }

    /** A thread waiting on {@code addr} for value 0 with {@code bitset}; its future holds what the wait returned. */
    private CompletableFuture<Long> waiter(long addr, int bitset) {
        CompletableFuture<Long> result = new CompletableFuture<>();
        Thread t = Thread.ofPlatform().start(() -> result.complete(futexes.await(memory, addr, 0, bitset, -1)));
        threads.add(t);
        return result;
    }

    private void awaitWaiting(long addr, int n) {
        while (futexes.waiting(addr) != n) {
            Thread.onSpinWait();
        }
    }

    @Test
    void aWaitOnAWordThatDiffersReturnsEagain() {
        memory.st32(A, 1);
        assertEquals(-Errno.EAGAIN, futexes.await(memory, A, 0, Futexes.MATCH_ANY, -1));
    }

    @Test
    void aWaitThatRunsOutReturnsEtimedout() {
        assertEquals(-Errno.ETIMEDOUT, futexes.await(memory, A, 0, Futexes.MATCH_ANY, 1_000_000));
        assertEquals(0, futexes.waiting(A));
    }

    @Test
    void wakeWakesAtMostTheCountAskedAndReportsHowManyItWoke() throws Exception {
        List<CompletableFuture<Long>> waits = List.of(waiter(A, -1), waiter(A, -1), waiter(A, -1));
        awaitWaiting(A, 3);
        assertEquals(2, futexes.wake(A, 2, Futexes.MATCH_ANY));
        assertEquals(1, futexes.waiting(A), "no over-waking");
        assertEquals(1, futexes.wake(A, 10, Futexes.MATCH_ANY));
        assertEquals(0, futexes.wake(A, 10, Futexes.MATCH_ANY));
        for (CompletableFuture<Long> w : waits) {
            assertEquals(0L, w.get());
        }
    }

    @Test
    void wakeBitsetWakesOnlyWaitersWhoseBitsetMeetsIt() throws Exception {
        CompletableFuture<Long> one = waiter(A, 1);
        CompletableFuture<Long> two = waiter(A, 2);
        awaitWaiting(A, 2);
        assertEquals(1, futexes.wake(A, 10, 2));
        assertEquals(0L, two.get());
        assertEquals(1, futexes.waiting(A));
        assertEquals(1, futexes.wake(A, 10, 1));
        assertEquals(0L, one.get());
    }

    @Test
    void cmpRequeueWakesSomeAndMovesTheRestToTheSecondWord() throws Exception {
        List<CompletableFuture<Long>> waits = List.of(waiter(A, -1), waiter(A, -1), waiter(A, -1));
        awaitWaiting(A, 3);
        assertEquals(-Errno.EAGAIN, futexes.requeue(memory, A, B, 1, 10, true, 7), "the word holds 0, not 7");
        assertEquals(3, futexes.requeue(memory, A, B, 1, 10, true, 0));
        assertEquals(0, futexes.waiting(A));
        assertEquals(2, futexes.waiting(B));
        assertEquals(2, futexes.wake(B, 10, Futexes.MATCH_ANY));
        for (CompletableFuture<Long> w : waits) {
            assertEquals(0L, w.get());
        }
    }

    @Test
    void wakeOpAppliesItsOperationAndWakesTheSecondWordWhenTheOldValuePasses() throws Exception {
        memory.st32(B, 0);
        CompletableFuture<Long> onB = waiter(B, -1);
        awaitWaiting(B, 1);
        // FUTEX_OP(FUTEX_OP_ADD, 3, FUTEX_OP_CMP_GT, 4): old 0 is not > 4, so B's waiter stays
        int addThreeIfAboveFour = (1 << 28) | (4 << 24) | (3 << 12) | 4;
        assertEquals(0, futexes.wakeOp(memory, A, B, 1, 1, addThreeIfAboveFour));
        assertEquals(3, memory.ld32s(B));
        // FUTEX_OP(FUTEX_OP_OR, 8, FUTEX_OP_CMP_EQ, 3): old 3 == 3, so B's waiter wakes
        int orEightIfThree = (2 << 28) | (8 << 12) | 3;
        assertEquals(1, futexes.wakeOp(memory, A, B, 1, 1, orEightIfThree));
        assertEquals(11, memory.ld32s(B));
        assertEquals(0L, onB.get());
    }

    @Test
    void anInterruptedWaitReturnsEintrAndLeavesTheQueue() throws InterruptedException, ExecutionException {
        CompletableFuture<Long> w = waiter(A, -1);
        awaitWaiting(A, 1);
        threads.get(0).interrupt();
        assertEquals((long) -Errno.EINTR, w.get());
        assertEquals(0, futexes.waiting(A));
    }
}
