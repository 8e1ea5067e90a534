package dev.releasetrain.delivery;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;

import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * How payloads are kept in the store. Compression runs on the request threads, in parallel, so the single
 * database writer moves a fraction of the bytes (a 28 KB pull_request payload stores in about 4 KB).
 */
public final class PayloadCodec {
    public static final String ZSTD = "zstd";
    public static final String IDENTITY = "identity";
    private static final int LEVEL = 1; // the fastest level; higher ones cost far more CPU for a few percent
    /**
     * Compression contexts and scratch buffers for reuse (creating them per payload was most of the garbage). A pool,
     * not one per thread: each context holds native memory, and the door's threads outnumber the payloads being
     * compressed at any moment (a few, on a few cores), so the pool stays as small as that.
     */
    private static final Queue<Scratch> SCRATCH = new ConcurrentLinkedQueue<>();

    private static final class Scratch {
        final ZstdCompressCtx ctx = new ZstdCompressCtx().setLevel(LEVEL);
        byte[] out = new byte[64 * 1024];
    }

    private PayloadCodec() {
    }

    public static byte[] compress(byte[] json) {
        Scratch s = SCRATCH.poll();
        if (s == null) {
            s = new Scratch();
        }
        try {
            int bound = (int) Zstd.compressBound(json.length);
            if (s.out.length < bound) {
                s.out = new byte[bound];
            }
            int size = s.ctx.compressByteArray(s.out, 0, s.out.length, json, 0, json.length);
            return Arrays.copyOf(s.out, size);
        } finally {
            SCRATCH.offer(s);
        }
    }

    public static byte[] decompress(byte[] stored, String encoding) {
        if (IDENTITY.equals(encoding)) {
            return stored;
        }
        if (!ZSTD.equals(encoding)) {
            throw new IllegalArgumentException("unknown payload encoding " + encoding);
        }
        long size = Zstd.getFrameContentSize(stored);
        if (size < 0 || size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("stored payload has no readable size");
        }
        return Zstd.decompress(stored, (int) size);
    }
}
