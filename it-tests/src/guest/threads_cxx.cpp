// C++ std::thread: threads with captured state, std::mutex and std::lock_guard, std::atomic,
// std::condition_variable, thread_local, and std::async's future. Totals printed after the joins.
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <future>
#include <mutex>
#include <numeric>
#include <thread>
#include <vector>

static thread_local int local_calls = 0;

static long work(int id) {
    long s = 0;
    for (int i = 0; i <= 1000 * (id + 1); i++) {
        s += i;
        local_calls++;
    }
    return s + local_calls;  // this thread's own counter
}

int main() {
    std::atomic<long> counter{0};
    std::mutex m;
    long guarded = 0;
    std::vector<std::thread> pool;
    std::vector<long> results(6);
    for (int t = 0; t < 6; t++) {
        pool.emplace_back([&, t] {
            for (int i = 0; i < 10000; i++) {
                counter.fetch_add(1, std::memory_order_relaxed);
                std::lock_guard<std::mutex> g(m);
                guarded += t;
            }
            results[t] = work(t);
        });
    }
    for (auto &th : pool) {
        th.join();
    }
    std::printf("atomic %ld guarded %ld\n", counter.load(), guarded);
    for (int t = 0; t < 6; t++) {
        std::printf("thread %d result %ld\n", t, results[t]);
    }

    std::mutex qm;
    std::condition_variable cv;
    int stage = 0;
    std::thread ping([&] {
        for (int i = 0; i < 100; i++) {
            std::unique_lock<std::mutex> l(qm);
            cv.wait(l, [&] { return stage % 2 == 0; });
            stage++;
            cv.notify_all();
        }
    });
    std::thread pong([&] {
        for (int i = 0; i < 100; i++) {
            std::unique_lock<std::mutex> l(qm);
            cv.wait(l, [&] { return stage % 2 == 1; });
            stage++;
            cv.notify_all();
        }
    });
    ping.join();
    pong.join();
    std::printf("ping-pong stage %d\n", stage);

    auto f = std::async(std::launch::async, [] { return work(9); });
    std::printf("async %ld, main thread_local %d\n", f.get(), local_calls);
    std::printf("hardware_concurrency positive: %s\n", std::thread::hardware_concurrency() > 0 ? "yes" : "no");
    return 0;
}
