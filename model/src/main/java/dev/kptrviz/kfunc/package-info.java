/**
 * The catalogue of kernel functions (kfuncs) KptrViz models. Decision: one enum constant per
 * kfunc carrying every name it is called by (e.g. {@code bpf_obj_new_impl} and the newer
 * {@code bpf_obj_new}); verifier and runtime effects hang off the same constant, so there is
 * no second list of kfuncs anywhere.
 */
package dev.kptrviz.kfunc;
