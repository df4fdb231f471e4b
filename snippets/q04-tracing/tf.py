import tensorflow as tf

# TensorFlow 2 runs each operation as soon as it is called: the result holds numbers
# at once.
x = tf.constant([1.0, 2.0, 3.0])
doubled = x * 2
print(f"immediate value: {doubled}")
assert doubled.numpy().tolist() == [2.0, 4.0, 6.0]
# Eager here; the same check inside tf.function reports graph mode.
here = not tf.executing_eagerly()
inside = not tf.function(lambda: tf.executing_eagerly())()
print(f"graph mode: here {here}, inside {inside}")
assert not here and inside  # proof: eager-here


# Python code here runs only while tf.function traces it into a graph.
eager_inside = []


def scaled_sum(x, scale):
    eager_inside.append(tf.executing_eagerly())
    print(f"  tracing: eager inside is {eager_inside[-1]}")
    return tf.reduce_sum(x * scale)


# tf.function traces Python into graphs and keeps one concrete function per input
# signature.
default = tf.function(scaled_sum)
# reduce_retracing=True generalizes shapes after a retrace instead of tracing every
# new size.
relaxed = tf.function(scaled_sum, reduce_retracing=True)

calls = {
    "float32 (3,), scale 2.0": (tf.ones(3), 2.0),
    "same shape, new values": (tf.fill((3,), 5.0), 2.0),
    "float32 (4,)": (tf.ones(4), 2.0),
    "float32 (5,)": (tf.ones(5), 2.0),
    "Python float 3.0": (tf.ones(5), 3.0),
    "Python float 4.0": (tf.ones(5), 4.0),
    "float64 (5,)": (tf.ones(5, dtype=tf.float64), 4.0),
}
traces = {"call": list(calls), "graphs (default)": [], "graphs (relaxed)": []}
results = []
for name, (x, scale) in calls.items():
    results.append(default(x, scale).numpy().item())
    assert relaxed(x, scale).numpy().item() == results[-1]
    traces["graphs (default)"].append(default.experimental_get_tracing_count())
    traces["graphs (relaxed)"].append(relaxed.experimental_get_tracing_count())
    graphs = {
        "default": traces["graphs (default)"][-1],
        "relaxed": traces["graphs (relaxed)"][-1],
    }
    print(f"{name}: result {results[-1]}, graphs so far {graphs}")

counts, relaxed_counts = traces["graphs (default)"], traces["graphs (relaxed)"]
assert counts[1] == counts[0] == 1  # proof: new-values
# By default every new size traces again; reduce_retracing=True traces a second size
# with an unknown length, which later sizes reuse.
assert counts[2] == 2 and counts[3] == 3  # proof: new-size
assert relaxed_counts[2] == 2 and relaxed_counts[3] == 2  # proof: relaxed-size
# Every new Python float traces again, because Python values are part of the
# signature; reduce_retracing=True does not change that.
assert counts[5] > counts[4] > counts[3]  # proof: new-float
assert relaxed_counts[5] > relaxed_counts[4] > relaxed_counts[3]  # proof: relaxed-float
# A new dtype needs a new graph in both modes.
# proof: new-dtype
assert counts[6] > counts[5] and relaxed_counts[6] > relaxed_counts[5]
# The Python body ran once per trace, never on a call that reused a graph, and never
# eagerly.
# proof: python-per-trace
assert len(eager_inside) == counts[-1] + relaxed_counts[-1] and not any(eager_inside)
