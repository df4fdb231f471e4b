import numpy as np
import tensorflow as tf

# TensorFlow 2 has no tf.Session; the TensorFlow 1 API lives on under tf.compat.v1.
print(f"tf.Session exists: {hasattr(tf, 'Session')}")
# proof: no-session
assert not hasattr(tf, "Session") and hasattr(tf.compat.v1, "Session")

# Graph mode is chosen at the start of the program. Until a graph exists, the switch
# can still be undone.
tf.compat.v1.disable_eager_execution()
tf.compat.v1.enable_eager_execution()
undone = tf.executing_eagerly()
tf.compat.v1.disable_eager_execution()
print(f"executing eagerly: {tf.executing_eagerly()}, undone before a graph: {undone}")
assert not tf.executing_eagerly() and undone  # proof: graph-mode

# Building the graph computes nothing: these are symbolic tensors without values.
x = tf.compat.v1.placeholder(tf.float32, shape=(None, 3), name="x")
weight = tf.compat.v1.get_variable(
    "weight", initializer=tf.constant([[0.5], [-1.0], [2.0]])
)
y = tf.matmul(x, weight) + 0.25
print(f"y before running: {y}")
assert not hasattr(y, "numpy")  # proof: symbolic
graph = tf.compat.v1.get_default_graph()
types = [op.type for op in graph.get_operations()]
print(f"captured graph: {types}")
print(f"operations in the graph: {len(types)}")
# The plumbing a session handles: a placeholder, a variable handle and its initializer.
# proof: plumbing
assert {"Placeholder", "VarHandleOp", "AssignVariableOp"} <= set(types)

# A session runs the graph: variables must be initialized in it first, then inputs are
# fed by name.
inputs = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], dtype=np.float32)
initialize = tf.compat.v1.global_variables_initializer()
with tf.compat.v1.Session() as session:
    try:
        session.run(y, feed_dict={x: inputs})
        uninitialized = None
    except tf.errors.FailedPreconditionError as error:
        uninitialized = type(error).__name__
    print(f"run before initializing: {uninitialized}")
    session.run(initialize)
    result = session.run(y, feed_dict={x: inputs})
print(f"result: {result.ravel()}")
assert uninitialized == "FailedPreconditionError"  # proof: init-first
computed = np.allclose(result.ravel(), inputs @ [0.5, -1.0, 2.0] + 0.25)
assert isinstance(result, np.ndarray) and computed  # proof: session-run

# Once a graph has been built, eager execution cannot come back in this process.
try:
    tf.compat.v1.enable_eager_execution()
    refused = False
except ValueError as error:
    refused = True
    print(f"enable_eager_execution: ValueError: {error}")
assert refused and not tf.executing_eagerly()  # proof: one-way
