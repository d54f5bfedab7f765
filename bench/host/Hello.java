/** The start-up baseline of scripts/bench's "startup" row: a bare JVM printing one line. */
public final class Hello {
    private Hello() {}

    public static void main(String[] args) {
        System.out.println("Hello from the JVM");
    }
}
