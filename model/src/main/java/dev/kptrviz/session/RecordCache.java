package dev.kptrviz.session;

import java.util.LinkedHashMap;
import java.util.Map;

/** The full {@link StepRecord}s rebuilt by replay: a few blocks of {@link #BLOCK} steps, least recently used out. */
final class RecordCache {
    /** How many consecutive records one replay builds. */
    static final int BLOCK = 256;
    private static final int MAX = 8 * BLOCK;

    private final Map<Long, StepRecord> records = new LinkedHashMap<>(MAX, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, StepRecord> eldest) {
            return size() > MAX;
        }
    };

    StepRecord get(long step) {
        return records.get(step);
    }

    void put(long step, StepRecord r) {
        records.put(step, r);
    }
}
