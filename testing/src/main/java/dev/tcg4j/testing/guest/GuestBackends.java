package dev.tcg4j.testing.guest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Runs a {@code @ParameterizedTest} once per backend the emulator offers
 * ({@link GuestLauncher#backendNames()}), passing the backend's name, as {@code -backend} spells it,
 * as the argument:
 *
 * <pre>{@code
 * @ParameterizedTest
 * @GuestBackends
 * void greets(String backend) { RunResult run = GuestLauncher.create().run(invocation, backend); ... }
 * }</pre>
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ArgumentsSource(GuestBackendsProvider.class)
public @interface GuestBackends {}
