package dev.tcg4j.backend.lockstep;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import javax.inject.Qualifier;

/** The backend lockstep trusts: it runs each block first and performs the block's side effects. */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
public @interface LockstepReference {}
