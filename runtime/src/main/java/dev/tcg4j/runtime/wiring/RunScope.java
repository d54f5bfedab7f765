package dev.tcg4j.runtime.wiring;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import javax.inject.Scope;

/** One per run of a guest program ({@link RunComponent}): the backend in use, the plugins, the logs. */
@Scope
@Documented
@Retention(RetentionPolicy.RUNTIME)
public @interface RunScope {}
