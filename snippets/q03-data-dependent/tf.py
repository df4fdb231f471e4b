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
    print(f"size {len(values)}: steps {steps}, grad {grad.numpy().tolist()}")
    # d/dx sum((x * 0.5**k)**2) = 2 x 0.25**k.
    assert tf.reduce_all(tf.abs(grad - 2 * x * 0.25**steps) < 1e-6)

# tf.function's AutoGraph rewrites the Python while loop into a graph loop
# (tf.while_loop). One trace with an unknown length serves every input size.
graph_shrink = tf.function(shrink, input_signature=[tf.TensorSpec([None], tf.float32)])
for values in inputs:
    y, steps = graph_shrink(tf.constant(values))
    print(
        f"tf.function, size {len(values)}: steps {steps.numpy()}, value {y.numpy():.6f}"
    )
print(f"traces: {graph_shrink.experimental_get_tracing_count()}")
assert graph_shrink.experimental_get_tracing_count() == 1
loops = [op.type for op in graph_shrink.get_concrete_function().graph.get_operations()]
loops = [kind for kind in loops if kind in ("While", "StatelessWhile")]
print(f"graph loop ops: {loops}")
assert len(loops) == 1
