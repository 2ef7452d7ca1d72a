package io.syncms.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets a process listens on, read from Linux's {@code /proc}: the socket inodes among the
 * process's open files, looked up in {@code /proc/net/tcp} and {@code tcp6}. Tells on which address a
 * listener is bound without needing a second network interface to try from.
 */
public final class ListeningSockets {

    /** One listening socket: its local address and port. */
    public record Listener(InetAddress address, int port) {

        public boolean loopback() {
            return address.isLoopbackAddress() || isMappedLoopback();
        }

        private boolean isMappedLoopback() {
            byte[] bytes = address.getAddress();
            return bytes.length == 16 && bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff && bytes[12] == 127;
        }

        @Override
        public String toString() {
            return address.getHostAddress() + ":" + port;
        }
    }

    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    public static boolean supported() {
        return Files.isReadable(Path.of("/proc/net/tcp"));
    }

    public static List<Listener> of(long pid) throws IOException {
        Set<String> inodes = socketInodes(pid);
        List<Listener> listeners = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table)).subList(1, Files.readAllLines(Path.of(table)).size())) {
                String[] fields = line.trim().split("\\s+");
                if (fields[3].equals(LISTEN) && inodes.contains(fields[9])) {
                    listeners.add(parse(fields[1]));
                }
            }
        }
        return listeners;
    }

    private static Set<String> socketInodes(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (NoSuchFileException closedMeanwhile) {
                    // the descriptor was closed while listing
                }
            }
        }
        return inodes;
    }

    /** {@code 0100007F:1F90}: the address in little-endian 32-bit words, the port in hex. */
    private static Listener parse(String local) throws UnknownHostException {
        String[] parts = local.split(":");
        String hex = parts[0];
        byte[] address = new byte[hex.length() / 2];
        for (int word = 0; word < hex.length() / 8; word++) {
            byte[] bytes = new BigInteger(hex.substring(word * 8, word * 8 + 8), 16).toByteArray();
            byte[] four = new byte[4];
            System.arraycopy(bytes, Math.max(0, bytes.length - 4), four, Math.max(0, 4 - bytes.length), Math.min(4, bytes.length));
            for (int i = 0; i < 4; i++) {
                address[word * 4 + i] = four[3 - i];
            }
        }
        return new Listener(InetAddress.getByAddress(address), Integer.parseInt(parts[1], 16));
    }
}
