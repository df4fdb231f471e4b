import tensorflow as tf

# TensorFlow 2 runs each operation as soon as it is called: the result holds numbers
# at once.
x = tf.constant([1.0, 2.0, 3.0])
doubled = x * 2
print(f"immediate value: {doubled}")
assert doubled.numpy().tolist() == [2.0, 4.0, 6.0]
assert tf.executing_eagerly()


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
    "float64 (5,)": (tf.ones(5, dtype=tf.float64), 3.0),
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

# New values reuse a graph; a new shape needs a new one unless shapes are relaxed.
counts, relaxed_counts = traces["graphs (default)"], traces["graphs (relaxed)"]
assert counts[1] == counts[0] == 1 and counts[2] == 2
assert relaxed_counts[-1] < counts[-1]
# By default every new size traces again; a new Python float retraces even with
# reduce_retracing=True, because Python values are part of the signature; so does a
# new dtype.
assert (
    counts[3] > counts[2]
    and counts[4] > counts[3]
    and relaxed_counts[4] > relaxed_counts[3]
)
assert counts[5] > counts[4]
# The Python body ran once per trace, never on a call that reused a graph, and never
# eagerly.
assert len(eager_inside) == counts[-1] + relaxed_counts[-1] and not any(eager_inside)
