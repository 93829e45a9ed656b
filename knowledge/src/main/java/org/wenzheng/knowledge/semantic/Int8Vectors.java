package org.wenzheng.knowledge.semantic;

import java.nio.ByteBuffer;

/**
 * Unit vectors stored in a quarter of their size: each component as a signed byte, scaled by the
 * vector's largest component (kept as a float in front). Dot products with a float query lose
 * well under 1 % of their precision, which is far below what ranking can tell apart.
 */
final class Int8Vectors {
    private Int8Vectors() {
    }

    /** Bytes of one stored vector: the scale, then one byte per dimension. */
    static int recordBytes(int dimensions) {
        return Float.BYTES + dimensions;
    }

    /** Writes {@code v} at the buffer's position as one record. */
    static void put(ByteBuffer out, float[] v) {
        float max = 0;
        for (float x : v) {
            max = Math.max(max, Math.abs(x));
        }
        float scale = max == 0 ? 0 : max / 127f;
        out.putFloat(scale);
        for (float x : v) {
            out.put(scale == 0 ? 0 : (byte) Math.round(x / scale));
        }
    }

    /** One record as bytes. */
    static byte[] encode(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(recordBytes(v.length));
        put(b, v);
        return b.array();
    }

    /** Whether the record at {@code offset} holds a vector (a record of zeros holds none). */
    static boolean present(ByteBuffer in, int offset) {
        return in.getFloat(offset) != 0;
    }

    /** Dot product of the record at {@code offset} with {@code query}. */
    static double dot(ByteBuffer in, int offset, float[] query) {
        float scale = in.getFloat(offset);
        int base = offset + Float.BYTES;
        float s0 = 0;
        float s1 = 0;
        int i = 0;
        for (; i + 1 < query.length; i += 2) {
            s0 += query[i] * in.get(base + i);
            s1 += query[i + 1] * in.get(base + i + 1);
        }
        for (; i < query.length; i++) {
            s0 += query[i] * in.get(base + i);
        }
        return (double) scale * (s0 + s1);
    }
}
