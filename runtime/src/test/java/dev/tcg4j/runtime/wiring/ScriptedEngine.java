package dev.tcg4j.runtime.wiring;

import dagger.Component;
import javax.inject.Singleton;

/** A test's own component: the runtime's module with a scripted guest instead of the real ones. */
@Singleton
@Component(modules = {ScriptedModule.class, RuntimeModule.class})
interface ScriptedEngine {
    Emulator emulator();
}
