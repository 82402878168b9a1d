package io.shoal.proxy.http2;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An HTTP/2 client on a raw socket (h2c, prior knowledge) that writes frames as they are told, well
 * formed or not, for the attacks an HTTP/2 library will not send: floods of resets, CONTINUATION frames,
 * PINGs and SETTINGS, HPACK blocks that expand, a window held shut.
 */
final class RawHttp2 implements AutoCloseable {
    static final int DATA = 0x0;
    static final int HEADERS = 0x1;
    static final int RST_STREAM = 0x3;
    static final int SETTINGS = 0x4;
    static final int PING = 0x6;
    static final int GOAWAY = 0x7;
    static final int WINDOW_UPDATE = 0x8;
    static final int CONTINUATION = 0x9;
    static final int END_STREAM = 0x1;
    static final int END_HEADERS = 0x4;
    static final int SETTINGS_INITIAL_WINDOW_SIZE = 0x4;
    static final int ENHANCE_YOUR_CALM = 0xb;

    /** A frame as read: its type, flags, stream and payload. */
    record Frame(int type, int flags, int stream, byte[] payload) {
        /** The error code of a GOAWAY or RST_STREAM. */
        int errorCode() {
            int at = type == GOAWAY ? 4 : 0;
            return ((payload[at] & 0xff) << 24) | ((payload[at + 1] & 0xff) << 16) | ((payload[at + 2] & 0xff) << 8)
                    | (payload[at + 3] & 0xff);
        }

        String text() {
            return new String(payload, StandardCharsets.ISO_8859_1);
        }
    }

    private final Socket socket;
    private final DataOutputStream out;
    private final DataInputStream in;

    /** Connects, sends the preface and a SETTINGS frame with {@code settings} (id, value pairs). */
    RawHttp2(int port, int... settings) throws IOException {
        this(port, 0, settings);
    }

    /**
     * A client with a small receive buffer: one that reads nothing fills the proxy's side in a few
     * kilobytes rather than tens of megabytes.
     */
    static RawHttp2 withReceiveBuffer(int port, int receiveBuffer) throws IOException {
        return new RawHttp2(port, receiveBuffer, new int[0]);
    }

    /** @param receiveBuffer the socket's receive buffer, 0 for the system's */
    private RawHttp2(int port, int receiveBuffer, int[] settings) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        socket.setSoTimeout(10_000);
        out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 64 * 1024));
        in = new DataInputStream(socket.getInputStream());
        out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        DataOutputStream fields = new DataOutputStream(payload);
        for (int i = 0; i < settings.length; i += 2) {
            fields.writeShort(settings[i]);
            fields.writeInt(settings[i + 1]);
        }
        frame(SETTINGS, 0, 0, payload.toByteArray());
        out.flush();
    }

    void frame(int type, int flags, int stream, byte[] payload) throws IOException {
        out.writeByte(payload.length >>> 16);
        out.writeShort(payload.length & 0xffff);
        out.writeByte(type);
        out.writeByte(flags);
        out.writeInt(stream);
        out.write(payload);
    }

    void flush() throws IOException {
        out.flush();
    }

    /** A GET's HEADERS, whole (END_HEADERS), ending the stream. */
    void get(int stream, String path) throws IOException {
        frame(HEADERS, END_HEADERS | END_STREAM, stream, requestBlock("GET", path));
    }

    void reset(int stream) throws IOException {
        frame(RST_STREAM, 0, stream, new byte[] {0, 0, 0, 8}); // CANCEL
    }

    /** Opens {@code stream}'s window (0: the connection's) by {@code bytes}. */
    void windowUpdate(int stream, int bytes) throws IOException {
        frame(WINDOW_UPDATE, 0, stream, new byte[] {(byte) (bytes >>> 24), (byte) (bytes >>> 16), (byte) (bytes >>> 8),
                (byte) bytes});
    }

    void ping() throws IOException {
        frame(PING, 0, 0, new byte[8]);
    }

    /** The HPACK block of a request: method, scheme http, path and authority, none indexed. */
    static byte[] requestBlock(String method, String path) {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        block.write(method.equals("GET") ? 0x82 : 0x83); // :method from the static table
        block.write(0x86); // :scheme http
        literal(block, 4, path); // :path, name from the static table
        literal(block, 1, "localhost"); // :authority
        return block.toByteArray();
    }

    /** A literal field without indexing whose name is static-table entry {@code nameIndex}. */
    static void literal(ByteArrayOutputStream block, int nameIndex, String value) {
        integer(block, 0x00, 4, nameIndex);
        string(block, value);
    }

    /** A literal field with incremental indexing and a new name: it enters the dynamic table. */
    static void indexedLiteral(ByteArrayOutputStream block, String name, String value) {
        block.write(0x40);
        string(block, name);
        string(block, value);
    }

    /** A field from the tables by its index: one byte for the first 127. */
    static void indexed(ByteArrayOutputStream block, int index) {
        integer(block, 0x80, 7, index);
    }

    private static void string(ByteArrayOutputStream block, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
        integer(block, 0x00, 7, bytes.length);
        block.writeBytes(bytes);
    }

    /** RFC 7541 section 5.1. */
    private static void integer(ByteArrayOutputStream block, int flags, int prefixBits, int value) {
        int max = (1 << prefixBits) - 1;
        if (value < max) {
            block.write(flags | value);
            return;
        }
        block.write(flags | max);
        value -= max;
        while (value >= 128) {
            block.write((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        block.write(value);
    }

    /** The next frame, or null once the proxy closed the connection. */
    Frame read() throws IOException {
        try {
            int length = (in.readUnsignedByte() << 16) | in.readUnsignedShort();
            int type = in.readUnsignedByte();
            int flags = in.readUnsignedByte();
            int stream = in.readInt() & 0x7fffffff;
            byte[] payload = new byte[length];
            in.readFully(payload);
            return new Frame(type, flags, stream, payload);
        } catch (EOFException | SocketException closed) {
            return null;
        }
    }

    /** Every frame until the proxy closes the connection (or {@code limit} frames). */
    List<Frame> readUntilClosed(int limit) throws IOException {
        List<Frame> frames = new ArrayList<>();
        Frame frame;
        while (frames.size() < limit && (frame = read()) != null) {
            frames.add(frame);
        }
        return frames;
    }

    /** The first frame of {@code type}, reading on; null if the connection closes first. */
    Frame awaitFrame(int type) throws IOException {
        Frame frame;
        while ((frame = read()) != null) {
            if (frame.type() == type) {
                return frame;
            }
        }
        return null;
    }


    @Override
    public void close() throws IOException {
        socket.close();
    }
}
