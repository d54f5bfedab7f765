package dev.tcg4j.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Runs a {@code @ParameterizedTest} once per {@link Backends#available() available backend}, passing
 * the {@link dev.tcg4j.ir.spi.Backend} as the argument and naming the invocation after it:
 *
 * <pre>{@code
 * @ParameterizedTest
 * @AllBackends
 * void countsEveryBlock(Backend backend) { ... backend.compile(tb).execute(cpu) ... }
 * }</pre>
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ArgumentsSource(AllBackendsProvider.class)
public @interface AllBackends {}
