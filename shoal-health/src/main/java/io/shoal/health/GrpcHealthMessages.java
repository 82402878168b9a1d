package io.shoal.health;

import java.nio.charset.StandardCharsets;

/**
 * The two protobuf messages of {@code grpc.health.v1.Health/Check}, by hand (one field each, no protobuf
 * library): {@code HealthCheckRequest {string service = 1;}} and {@code HealthCheckResponse {ServingStatus
 * status = 1;}}, each in gRPC's length-prefixed framing (a compression flag, a 4-byte length, the bytes).
 */
final class GrpcHealthMessages {
    /** {@code ServingStatus} by number: SERVING (1) is the only one that passes. */
    private static final String[] STATUSES = {"UNKNOWN", "SERVING", "NOT_SERVING", "SERVICE_UNKNOWN"};
    static final int SERVING = 1;
    private static final int FRAME_PREFIX_BYTES = 5;

    private GrpcHealthMessages() {}

    /** The framed request asking about {@code service} (null or empty: the server as a whole). */
    static byte[] request(String service) {
        byte[] name = service == null ? new byte[0] : service.getBytes(StandardCharsets.UTF_8);
        byte[] message = name.length == 0 ? new byte[0] : field1(name);
        byte[] framed = new byte[FRAME_PREFIX_BYTES + message.length];
        int length = message.length;
        framed[1] = (byte) (length >>> 24);
        framed[2] = (byte) (length >>> 16);
        framed[3] = (byte) (length >>> 8);
        framed[4] = (byte) length;
        System.arraycopy(message, 0, framed, FRAME_PREFIX_BYTES, length);
        return framed;
    }

    private static byte[] field1(byte[] value) {
        byte[] length = varint(value.length);
        byte[] field = new byte[1 + length.length + value.length];
        field[0] = 0x0A; // field 1, length-delimited
        System.arraycopy(length, 0, field, 1, length.length);
        System.arraycopy(value, 0, field, 1 + length.length, value.length);
        return field;
    }

    private static byte[] varint(int value) {
        byte[] bytes = new byte[5];
        int n = 0;
        while ((value & ~0x7F) != 0) {
            bytes[n++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes[n++] = (byte) value;
        return java.util.Arrays.copyOf(bytes, n);
    }

    /**
     * The serving status in a framed response: its field 1, 0 (UNKNOWN) when absent as protobuf leaves
     * defaults out; -1 when the bytes are not one uncompressed, whole message.
     */
    static int servingStatus(byte[] framed) {
        if (framed.length < FRAME_PREFIX_BYTES || framed[0] != 0) {
            return -1;
        }
        int length = ((framed[1] & 0xFF) << 24) | ((framed[2] & 0xFF) << 16) | ((framed[3] & 0xFF) << 8) | (framed[4] & 0xFF);
        if (length != framed.length - FRAME_PREFIX_BYTES) {
            return -1;
        }
        int status = 0;
        int[] at = {FRAME_PREFIX_BYTES};
        while (at[0] < framed.length) {
            long tag = readVarint(framed, at);
            long value = tag < 0 ? -1 : skipOrRead(framed, at, (int) (tag & 7));
            if (value < 0) {
                return -1;
            }
            if (tag >>> 3 == 1 && (tag & 7) == 0) {
                status = (int) value;
            }
        }
        return status;
    }

    /** A varint field's value; for other wire types, skips the value and returns 0. -1 when malformed. */
    private static long skipOrRead(byte[] bytes, int[] at, int wireType) {
        switch (wireType) {
            case 0:
                return readVarint(bytes, at);
            case 1:
                at[0] += 8;
                break;
            case 2:
                long length = readVarint(bytes, at);
                if (length < 0) {
                    return -1;
                }
                at[0] += (int) length;
                break;
            case 5:
                at[0] += 4;
                break;
            default:
                return -1;
        }
        return at[0] <= bytes.length ? 0 : -1;
    }

    private static long readVarint(byte[] bytes, int[] at) {
        long value = 0;
        for (int shift = 0; shift < 64 && at[0] < bytes.length; shift += 7) {
            byte b = bytes[at[0]++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        return -1;
    }

    static String statusName(int status) {
        return status >= 0 && status < STATUSES.length ? STATUSES[status] : "status " + status;
    }
}
