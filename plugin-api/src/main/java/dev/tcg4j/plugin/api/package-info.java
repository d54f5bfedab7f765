/**
 * The tcg4j plugin API: everything a plugin compiles against, modelled on QEMU's TCG plugin API
 * ({@code qemu-plugin.h}, versions 2 to 4).
 *
 * <p>A plugin implements {@link dev.tcg4j.plugin.api.Plugin}; at install it registers a
 * {@link dev.tcg4j.plugin.api.TbTranslateCallback}; there it looks at each block's instructions and
 * asks for callbacks, inline scoreboard updates or memory callbacks, which the emulator then compiles
 * into the block. See docs/PLUGINS.md for a worked example.
 */
package dev.tcg4j.plugin.api;
