/**
 * One small class per kfunc family (and per modelled helper), each holding its name, its plain
 * English explanation and its runtime effect. Decision: effects are written against the
 * {@link dev.kptrviz.kfunc.RuntimeOps} interface only and consult {@link dev.kptrviz.kfunc.Semantics}
 * switches instead of forking per kernel version; the verifier's effect of the same call will be
 * added beside the runtime one.
 */
package dev.kptrviz.kfunc.spec;
