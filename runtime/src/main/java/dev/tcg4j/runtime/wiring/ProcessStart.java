package dev.tcg4j.runtime.wiring;

/**
 * What a new process component is made for: the pid (the host's for the run's first process, the
 * host tid of its supervising thread for the others) and the program it runs, its absolute host
 * path (what /proc/self/exe reads as).
 */
public record ProcessStart(int pid, String program) {}
