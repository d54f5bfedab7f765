package dev.tcg4j.runtime.linux.syscall;

import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.cpu.GuestTrap;

/** qemu 7.2's print_socket (domain, type and protocol by name) and print_sockaddr. */
final class StraceSockets {
    private static final int AF_UNIX = 1;
    private static final int AF_INET = 2;
    private static final int AF_NETLINK = 16;
    private static final int AF_PACKET = 17;
    private static final int SOCK_PACKET = 10;
    private static final int SOCK_NONBLOCK = 0x800;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SUN_PATH_OFFSET = 2;
    private static final int SA_DATA_BYTES = 14;

    private StraceSockets() {}

    /** The arguments of socket(2). */
    static String socket(long domain, long type, long protocol) {
        return domain((int) domain) + "," + type((int) type) + "," + protocol((int) domain, type, protocol);
    }

    private static String domain(int domain) {
        return switch (domain) {
            case AF_UNIX -> "PF_UNIX";
            case AF_INET -> "PF_INET";
            case AF_NETLINK -> "PF_NETLINK";
            case AF_PACKET -> "PF_PACKET";
            default -> Integer.toString(domain);
        };
    }

    /** The type by name (nothing for one qemu does not know), then SOCK_CLOEXEC and SOCK_NONBLOCK. */
    private static String type(int type) {
        String name = switch (type & 0xf) {
            case 1 -> "SOCK_STREAM";
            case 2 -> "SOCK_DGRAM";
            case 3 -> "SOCK_RAW";
            case 4 -> "SOCK_RDM";
            case 5 -> "SOCK_SEQPACKET";
            case SOCK_PACKET -> "SOCK_PACKET";
            default -> "";
        };
        return name + ((type & SOCK_CLOEXEC) != 0 ? "|SOCK_CLOEXEC" : "") + ((type & SOCK_NONBLOCK) != 0 ? "|SOCK_NONBLOCK" : "");
    }

    private static String protocol(int domain, long type, long protocol) {
        if (domain == AF_PACKET || (domain == AF_INET && type == SOCK_PACKET)) {
            int ethertype = (int) protocol & 0xffff;
            return ethertype == 3 ? "ETH_P_ALL" : Integer.toString(ethertype);
        }
        int p = (int) protocol;
        if (domain == AF_NETLINK) {
            return switch (p) {
                case 0 -> "NETLINK_ROUTE";
                case 9 -> "NETLINK_AUDIT";
                case 12 -> "NETLINK_NETFILTER";
                case 15 -> "NETLINK_KOBJECT_UEVENT";
                case 20 -> "NETLINK_RDMA";
                case 21 -> "NETLINK_CRYPTO";
                default -> Integer.toString(p);
            };
        }
        return switch (p) {
            case 0 -> "IPPROTO_IP";
            case 6 -> "IPPROTO_TCP";
            case 17 -> "IPPROTO_UDP";
            case 255 -> "IPPROTO_RAW";
            default -> Integer.toString(p);
        };
    }

    /**
     * print_sockaddr: the address by family, then {@code , } and the length; an unreadable address
     * as {@code 0x%016lx,} as qemu leaves it.
     */
    static String sockaddr(GuestMemory m, long addr, long len) {
        String address;
        try {
            if (len < 0 || !m.accessible(addr, Math.max(len, 1), GuestMemory.READ)) {
                throw new GuestTrap(GuestTrap.Kind.UNMAPPED, addr);
            }
            address = address(m, addr, len);
        } catch (GuestTrap unreadable) {
            address = StraceArgs.hex16(addr) + ",";
        }
        return address + ", " + len;
    }

    private static String address(GuestMemory m, long addr, long len) {
        int family = (int) m.ld16u(addr);
        StringBuilder out = new StringBuilder();
        switch (family) {
            case AF_UNIX -> {
                out.append("{sun_family=AF_UNIX,sun_path=\"");
                for (long i = 0; i < len - SUN_PATH_OFFSET && m.ld8u(addr + SUN_PATH_OFFSET + i) != 0; i++) {
                    out.append((char) m.ld8u(addr + SUN_PATH_OFFSET + i));
                }
                out.append("\"}");
            }
            case AF_INET -> out.append("{sin_family=AF_INET,sin_port=htons(")
                    .append((m.ld8u(addr + 2) << 8) | m.ld8u(addr + 3)).append("),sin_addr=inet_addr(\"")
                    .append(m.ld8u(addr + 4)).append('.').append(m.ld8u(addr + 5)).append('.')
                    .append(m.ld8u(addr + 6)).append('.').append(m.ld8u(addr + 7)).append("\")}");
            case AF_NETLINK -> out.append("{nl_family=AF_NETLINK,nl_pid=").append(m.ld32u(addr + 4))
                    .append(",nl_groups=").append(m.ld32u(addr + 8)).append('}');
            default -> {
                out.append("{sa_family=").append(family).append(", sa_data={");
                for (int i = 0; i < SA_DATA_BYTES; i++) {
                    out.append(String.format(i < SA_DATA_BYTES - 1 ? "%02x, " : "%02x}", (byte) m.ld8u(addr + 2 + i)));
                }
                out.append('}');
            }
        }
        return out.toString();
    }
}
