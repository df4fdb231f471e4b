import tensorflow as tf

# The step counts its own Python calls and branches on a tensor's value.
calls = 0


def step(x):
    global calls
    calls += 1
    if tf.reduce_sum(x) > 0:
        return tf.sin(x) * 2
    return tf.cos(x)


x = tf.constant([0.5, 1.0, 2.0])

# Eager by default: the call runs the Python body now and returns a concrete tensor.
eager = step(x)
eager_mode = tf.executing_eagerly()
print(f"eager: {eager}")
print(f"eager mode: {eager_mode}")
# The body has already run once, and the value shows the branch it took.
# proof: eager-mode
assert eager_mode and calls == 1 and bool(tf.reduce_all(eager == tf.sin(x) * 2))

# tf.function runs the Python body once per input signature (tracing) and then
# replays the graph: the counter stops at the trace.
compiled = tf.function(step)
result = compiled(x)
negative = compiled(-x)
print(f"compiled: {result}")
print(f"Python body ran {calls} times for 3 calls")
assert tf.reduce_max(tf.abs(result - eager)) < 1e-6
assert calls == 2  # proof: side-effects
# Each input takes its own branch: cos for -x, whose sum is negative, not sin * 2.
print(f"compiled, -x: {negative}")
taken, other = tf.cos(-x), tf.sin(-x) * 2
gaps = [float(tf.reduce_max(tf.abs(negative - branch))) for branch in (taken, other)]
assert gaps[0] < 1e-6 < gaps[1]  # proof: both-branches

# AutoGraph rewrites the Python `if` on a tensor into a graph conditional,
# so a single graph serves both branches.
graph = compiled.get_concrete_function(x).graph
conditionals = [op.type for op in graph.get_operations() if op.type.endswith("If")]
print(f"graph conditionals: {conditionals}")
one_graph = compiled.experimental_get_tracing_count() == 1 and len(conditionals) == 1
print(f"one graph for both branches: {one_graph}")
assert one_graph  # proof: one-graph
