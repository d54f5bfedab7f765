/**
 * The tcg4j plugin API: everything a plugin compiles against, modelled on the user-mode functions of
 * QEMU's TCG plugin API ({@code qemu-plugin.h}) up to version 6 ({@link
 * dev.tcg4j.plugin.api.PluginContext#API_VERSION}); docs/PLUGINS.md maps each QEMU function to its
 * counterpart here.
 *
 * <p>A plugin implements {@link dev.tcg4j.plugin.api.Plugin}; at install it registers a
 * {@link dev.tcg4j.plugin.api.TbTranslateCallback}; there it looks at each block's instructions and
 * asks for callbacks, inline scoreboard updates or memory callbacks, which the emulator then compiles
 * into the block. It may also watch system calls, signals entering and leaving handlers, and read or
 * write registers and guest memory from its callbacks. See docs/PLUGINS.md for a worked example.
 */
package dev.tcg4j.plugin.api;
