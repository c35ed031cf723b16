package dev.kptrviz.kfunc;

/** A {@link CallSpec} for one {@link Kfunc} constant. */
public interface KfuncSpec extends CallSpec {
    Kfunc kfunc();

    @Override
    default String name() {
        return kfunc().kernelName();
    }
}
