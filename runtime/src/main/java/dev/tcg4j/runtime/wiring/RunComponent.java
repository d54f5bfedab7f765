package dev.tcg4j.runtime.wiring;

import dagger.BindsInstance;
import dagger.Subcomponent;

/** The objects of one run of a guest program, made for its {@link RunRequest}. */
@RunScope
@Subcomponent(modules = RunModule.class)
public interface RunComponent {
    GuestRun guestRun();

    @Subcomponent.Factory
    interface Factory {
        RunComponent create(@BindsInstance RunRequest request);
    }
}
