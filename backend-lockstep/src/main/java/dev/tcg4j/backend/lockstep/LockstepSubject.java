package dev.tcg4j.backend.lockstep;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import javax.inject.Qualifier;

/** The backend lockstep checks against the {@link LockstepReference reference}. */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
public @interface LockstepSubject {}
