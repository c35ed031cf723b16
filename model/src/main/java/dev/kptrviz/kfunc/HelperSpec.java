package dev.kptrviz.kfunc;

import dev.kptrviz.isa.HelperNames;

/** A {@link CallSpec} for a classic BPF helper, called by its fixed UAPI id. */
public interface HelperSpec extends CallSpec {
    int helperId();

    @Override
    default String name() {
        return HelperNames.name(helperId());
    }
}
