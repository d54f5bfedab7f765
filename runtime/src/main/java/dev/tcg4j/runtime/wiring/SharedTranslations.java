package dev.tcg4j.runtime.wiring;

import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.runtime.exec.CachedBlock;
import dev.tcg4j.runtime.exec.TbCache;
import dev.tcg4j.runtime.linux.LoadedProgram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;

/**
 * Translations shared between the processes of a run that run the same program file (busybox's
 * shell running busybox's applets, say). When a process image ends, its blocks that lie in its
 * program's segments go into a library keyed by the file (path, device, inode, size, time) and the
 * place it was loaded; a later image of the same file at the same place starts with them, as a
 * fork starts with its parent's. Code the guest wrote to was dropped from the cache before (the
 * pages of translated code are watched), so a block in the library holds the file's code. Runs with
 * plugins share nothing: each process's translation callbacks must see its own blocks.
 */
@RunScope
final class SharedTranslations {
    private record Image(String path, Object dev, Object inode, long size, FileTime modified, long loadAddr) {}

    private final Map<Image, Map<Long, CachedBlock>> library = new ConcurrentHashMap<>();
    private final boolean enabled;

    @Inject
    SharedTranslations(RunRequest request) {
        this.enabled = request.plugins().isEmpty();
    }

    /** A new image of {@code program}, loaded from {@code file}, starts with the library's blocks for it. */
    void seed(TbCache cache, GuestMemory memory, String file, LoadedProgram program) {
        Image key = key(file, program);
        Map<Long, CachedBlock> blocks = key == null ? null : library.get(key);
        if (blocks != null) {
            cache.inherit(blocks.values(), memory, program.loadAddr(), program.brkStart());
        }
    }

    /** An image of {@code program} has ended: its blocks in the program's segments go to the library. */
    void keep(TbCache cache, String file, LoadedProgram program) {
        Image key = key(file, program);
        if (key == null) {
            return;
        }
        Map<Long, CachedBlock> blocks = library.computeIfAbsent(key, k -> new ConcurrentHashMap<>());
        for (CachedBlock b : cache.blocks()) {
            if (b.isValid() && b.pc() >= program.loadAddr() && b.pc() + Math.max(1, b.guestSize()) <= program.brkStart()) {
                blocks.putIfAbsent(b.pc(), b);
            }
        }
    }

    /**
     * A fork's child starts with every block of its parent (its memory is a copy), then with the
     * library's blocks of its program and interpreter that the parent never ran (a shell's child runs
     * an applet the shell itself never did): only those on pages the child cannot write, since the
     * parent may have written its writable pages since its image was loaded.
     */
    void seedFork(TbCache child, GuestMemory memory, TbCache parent, String file, LoadedProgram program,
            String interpreterFile, LoadedProgram interpreter) {
        if (!enabled) {
            return;
        }
        child.inheritAll(parent, memory);
        seedUnwritable(child, memory, file, program);
        seedUnwritable(child, memory, interpreterFile, interpreter);
    }

    private void seedUnwritable(TbCache cache, GuestMemory memory, String file, LoadedProgram program) {
        Image key = key(file, program);
        Map<Long, CachedBlock> blocks = key == null ? null : library.get(key);
        if (blocks == null) {
            return;
        }
        List<CachedBlock> unwritable = new ArrayList<>();
        for (CachedBlock b : blocks.values()) {
            long last = b.pc() + Math.max(1, b.guestSize()) - 1;
            if ((memory.protection(b.pc()) & GuestMemory.WRITE) == 0 && (memory.protection(last) & GuestMemory.WRITE) == 0) {
                unwritable.add(b);
            }
        }
        cache.inherit(unwritable, memory, program.loadAddr(), program.brkStart());
    }

    private Image key(String file, LoadedProgram program) {
        if (!enabled || program == null || file == null) {
            return null;
        }
        try {
            Path path = Path.of(file).toRealPath();
            Map<String, Object> attrs = Files.readAttributes(path, "unix:dev,ino,size,lastModifiedTime");
            return new Image(path.toString(), attrs.get("dev"), attrs.get("ino"), ((Number) attrs.get("size")).longValue(),
                    (FileTime) attrs.get("lastModifiedTime"), program.loadAddr());
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }
}
