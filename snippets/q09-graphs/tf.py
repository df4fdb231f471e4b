import tensorflow as tf

# A two-layer computation: sum(relu(x @ w1 + b1) @ w2).
w1 = tf.Variable([[0.5, -1.0], [1.0, 0.5], [-0.5, 1.0]])
b1 = tf.Variable([0.1, -0.1])
w2 = tf.Variable([[1.0], [2.0]])


def forward(x):
    return tf.reduce_sum(tf.nn.relu(x @ w1 + b1) @ w2)


# tf.function traces the Python code with symbolic inputs into a tf.Graph of operations.
concrete = tf.function(forward).get_concrete_function(
    tf.TensorSpec([None, 3], tf.float32)
)
print(f"tf.function graph inputs: {concrete.structured_input_signature}")
ops = [op.type for op in concrete.graph.get_operations()]
print(f"operation types: {ops}")
# proof: tf-placeholders
assert ops.count("Placeholder") == 4 and ops.count("ReadVariableOp") == 3
assert {"MatMul", "AddV2", "Relu", "Sum"} <= set(ops)  # proof: tf-ops
# Three of the placeholders are the captured variables, passed in as resource handles.
handles = [op for op in concrete.graph.get_operations() if op.type == "Placeholder"]
handles = [op for op in handles if op.outputs[0].dtype == tf.resource]
assert len(handles) == 3  # proof: resource-handles

# Gradients are computed by a tape from the operations it recorded while the forward
# pass ran.
x = tf.constant([[1.0, 2.0, 3.0]])
with tf.GradientTape() as tape:
    output = forward(x)
grad = tape.gradient(output, [w1, b1, w2])
print(f"gradient shapes: {[tuple(g.shape) for g in grad]}")

# The concrete function is a callable graph that computes the same result.
assert concrete(x).numpy() == output.numpy()  # proof: graph-runs
output = output.numpy().item()
print(f"output: {output}")
