import tensorflow as tf


# The number of loop turns depends on the values in x, and x may have any length.
def shrink(x):
    steps = 0
    while tf.norm(x) > 1.0:
        x = x * 0.5
        steps += 1
    return tf.reduce_sum(x**2), steps


inputs = [[3.0, 4.0], [0.3, 0.4, 0.5], [2.0, 4.0, 6.0, 8.0, 10.0]]
grads = []
for values in inputs:
    x = tf.Variable(values)
    # The tape records this call's operations as they run, whatever the loop does.
    with tf.GradientTape() as tape:
        y, steps = shrink(x)
    grad = tape.gradient(y, x)
    grads.append(grad.numpy().tolist())
    # proof: grads
    print(f"size {len(values)}: steps {steps}, grad {grad.numpy().tolist()}")
    # d/dx sum((x * 0.5**k)**2) = 2 x 0.25**k.
    assert tf.reduce_all(tf.abs(grad - 2 * x * 0.25**steps) < 1e-6)  # proof: tape-loop

# tf.function's AutoGraph rewrites the Python while loop into a graph loop
# (tf.while_loop). One trace with an unknown length serves every input size.
spec = tf.TensorSpec([None], tf.float32)
graph_shrink = tf.function(shrink, input_signature=[spec])
served = []
for values in inputs:
    y, steps = graph_shrink(tf.constant(values))
    served.append(int(steps))
    print(
        f"tf.function, size {len(values)}: steps {steps.numpy()}, value {y.numpy():.6f}"
    )
print(f"traces: {graph_shrink.experimental_get_tracing_count()}")
# The one trace turns the loop 3, 0 and 4 times, as the eager calls above did.
traces = graph_shrink.experimental_get_tracing_count()
assert traces == 1 and served == [3, 0, 4]  # proof: one-trace


# The control: a loop with a fixed number of turns reads no tensor value to continue.
def halve_three_times(x):
    for _ in range(3):
        x = x * 0.5
    return tf.reduce_sum(x**2)


# The traced graphs show which loop became a graph loop and which was unrolled.
def loop_ops(function):
    graph = tf.function(function).get_concrete_function(spec).graph
    return [op.type for op in graph.get_operations() if "While" in op.type]


loop = loop_ops(shrink)
control = loop_ops(halve_three_times)
print(f"while on a tensor: graph loop ops {loop}")
print(f"fixed loop: graph loop ops {control}")
assert loop == ["StatelessWhile"] and control == []  # proof: graph-loop
