package dev.kptrviz.session;

/**
 * One thing a step did, concrete (heap, collections, locks, findings) or abstract (references acquired
 * or released, non-owning references invalidated, a verifier diagnostic, a monitor alarm).
 * {@code objectId} is the heap object's allocation index where one is involved, {@code refId} the
 * verifier's ref_obj_id; {@code detail} is the human-readable rest.
 */
public record Event(EventKind kind, Integer objectId, Integer refId, String detail) {
}
