// Goroutines on several OS threads (GOMAXPROCS = the host cpus): a WaitGroup, an atomic counter,
// a mutex and a buffered channel; everything printed after Wait, so the output is deterministic.
// Built by build-guests.sh with Debian's golang: GOOS=linux GOARCH=riscv64 CGO_ENABLED=0 (static).
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

func main() {
	var wg sync.WaitGroup
	var total atomic.Int64
	results := make([]int, 8)
	var mu sync.Mutex
	sum := 0
	ch := make(chan int, 16)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			local := 0
			for i := 0; i < 100000; i++ {
				total.Add(1)
				local += i % (id + 1)
			}
			results[id] = local
			mu.Lock()
			sum += id
			mu.Unlock()
			ch <- id * id
		}(g)
	}
	wg.Wait()
	close(ch)
	squares := 0
	for v := range ch {
		squares += v
	}
	for id, r := range results {
		fmt.Printf("goroutine %d: %d\n", id, r)
	}
	fmt.Printf("total %d, sum %d, squares %d\n", total.Load(), sum, squares)
}
