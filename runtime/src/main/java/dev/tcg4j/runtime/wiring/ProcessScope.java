package dev.tcg4j.runtime.wiring;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import javax.inject.Scope;

/** One per guest process ({@link ProcessComponent}): its memory, translated blocks and Linux state. */
@Scope
@Documented
@Retention(RetentionPolicy.RUNTIME)
public @interface ProcessScope {}
