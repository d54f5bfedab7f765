/* Start-up baseline: does nothing, so its run time is the emulator's start-up and exit cost. */
int main(void) { return 0; }
