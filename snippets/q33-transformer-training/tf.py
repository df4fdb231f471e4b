import keras
import tensorflow as tf

keras.utils.set_random_seed(0)
# Since TensorFlow 2.16, tf.keras is Keras 3: tf.keras.layers holds the same classes.
print(f"tf.keras is Keras {tf.keras.version()}")
# proof: tf-keras-is-keras
assert tf.keras.layers.MultiHeadAttention is keras.layers.MultiHeadAttention

# Toy task: read 8 digits and output them in reverse order.
vocab, length, d_model, heads, d_ff = 10, 8, 32, 4, 64
batch_size, steps = 64, 300


class Reverser(keras.Model):
    def __init__(self):
        super().__init__()
        self.embed = keras.layers.Embedding(vocab, d_model)
        # Attention ignores order, so each position gets a learned position vector.
        self.position = self.add_weight(
            shape=(length, d_model),
            initializer=keras.initializers.RandomNormal(stddev=0.1),
        )
        # Keras has no encoder layer: the same post-norm block, from its parts.
        self.attention = keras.layers.MultiHeadAttention(heads, d_model // heads)
        self.norm1 = keras.layers.LayerNormalization(epsilon=1e-5)
        self.feed_forward = keras.Sequential(
            [keras.layers.Dense(d_ff, activation="relu"), keras.layers.Dense(d_model)]
        )
        self.norm2 = keras.layers.LayerNormalization(epsilon=1e-5)
        self.head = keras.layers.Dense(vocab)

    def call(self, tokens):
        x = self.embed(tokens) + self.position
        x = self.norm1(x + self.attention(x, x))
        x = self.norm2(x + self.feed_forward(x))
        return self.head(x)


model = Reverser()
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=3e-3),
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
)
model(tf.zeros((1, length), tf.int32))  # Builds the weights.
n_params = model.count_params()
print(f"parameters: {n_params}")

history = {"step": [], "loss": []}
for step in range(steps):
    tokens = tf.random.uniform((batch_size, length), maxval=vocab, dtype=tf.int32)
    # The sparse loss takes the classes on the last axis: (batch, length, vocab).
    loss = model.train_on_batch(tokens, tf.reverse(tokens, axis=[1]))
    if step % 25 == 0 or step == steps - 1:
        history["step"].append(step)
        history["loss"].append(float(loss))
        print(f"step {step:3d}  loss {float(loss):.3f}")

tokens = tf.random.uniform((256, length), maxval=vocab, dtype=tf.int32)
predicted = tf.argmax(model(tokens), axis=-1, output_type=tf.int32)
accuracy = float(
    tf.reduce_mean(tf.cast(predicted == tf.reverse(tokens, axis=[1]), tf.float32))
)
print(f"accuracy on new sequences: {accuracy:.3f} (chance: {1 / vocab:.3f})")
assert history["loss"][-1] < 0.5 * history["loss"][0]  # proof: loss-halves
assert accuracy > 0.5  # proof: beats-chance
