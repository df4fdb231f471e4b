import math

import keras
import matplotlib.pyplot as plt
import tensorflow as tf

from mnist_data import load_mnist

keras.utils.set_random_seed(0)

# 2000 digits, flattened and scaled to [-1, 1] to match the generator's tanh.
images, _ = load_mnist("train", n=2000)
real_data = tf.constant(images.reshape(-1, 784) / 127.5 - 1, dtype=tf.float32)

latent, batch_size, steps = 32, 64, 800
# LeakyReLU's default slope is 0.3 here and 0.01 in PyTorch: both files pass 0.2.
assert keras.layers.LeakyReLU().negative_slope == 0.3  # proof: leaky-defaults
generator = keras.Sequential(
    [
        keras.Input((latent,)),
        keras.layers.Dense(256),
        keras.layers.LeakyReLU(0.2),
        keras.layers.Dense(784, activation="tanh"),
    ]
)
discriminator = keras.Sequential(
    [
        keras.Input((784,)),
        keras.layers.Dense(256),
        keras.layers.LeakyReLU(0.2),
        keras.layers.Dense(1),
    ]
)
g_optimizer = keras.optimizers.Adam(learning_rate=5e-4, beta_1=0.5, beta_2=0.999)
d_optimizer = keras.optimizers.Adam(learning_rate=5e-4, beta_1=0.5, beta_2=0.999)
# Keras losses take (target, prediction): the opposite order. The discriminator
# outputs a logit, a raw score; from_logits=True applies the sigmoid: a logit of 2
# labelled real costs log(1 + e^-2).
loss_fn = keras.losses.BinaryCrossentropy(from_logits=True)
check = float(loss_fn(tf.constant([[1.0]]), tf.constant([[2.0]])))
print(f"loss of a logit of 2 labelled real: {check:.4f}")
assert abs(check - math.log1p(math.exp(-2))) < 1e-6  # proof: logit-loss
ones = tf.ones((batch_size, 1))
zeros = tf.zeros((batch_size, 1))
start_mean = float(tf.reduce_mean(generator(tf.random.normal((256, latent)))))
# Asked about the generator's variables too, a tape over a discriminator loss returns
# gradients for them: only the variables passed to tape.gradient get this update.
with tf.GradientTape() as tape:
    probe = loss_fn(ones[:1], discriminator(generator(tf.zeros((1, latent)))))
grads = tape.gradient(probe, generator.trainable_variables)
assert all(g is not None for g in grads)  # proof: without-detach


# tf.function compiles one training step into a graph; each step runs two tapes.
# The Python body runs only while tf.function traces it, which `traces` counts.
traces = []


@tf.function
def train_step():
    traces.append(1)
    real = tf.gather(
        real_data, tf.random.uniform((batch_size,), maxval=2000, dtype=tf.int32)
    )
    noise = tf.random.normal((batch_size, latent))
    # Discriminator step: real digits are labelled 1, generated ones 0.
    # Only the discriminator's variables receive this step's gradients.
    with tf.GradientTape() as tape:
        fake = generator(noise)
        d_loss = loss_fn(ones, discriminator(real)) + loss_fn(
            zeros, discriminator(fake)
        )
    grads = tape.gradient(d_loss, discriminator.trainable_variables)
    d_optimizer.apply_gradients(zip(grads, discriminator.trainable_variables))
    # Generator step: push the updated discriminator to call the fakes real.
    with tf.GradientTape() as tape:
        g_loss = loss_fn(ones, discriminator(generator(noise)))
    grads = tape.gradient(g_loss, generator.trainable_variables)
    g_optimizer.apply_gradients(zip(grads, generator.trainable_variables))
    return d_loss, g_loss


history = {"step": [], "d_loss": [], "g_loss": []}
for step in range(steps):
    d_loss, g_loss = train_step()
    if step % 50 == 0 or step == steps - 1:
        history["step"].append(step)
        history["d_loss"].append(float(d_loss))
        history["g_loss"].append(float(g_loss))
        print(f"step {step:3d}  d_loss {float(d_loss):.3f}  g_loss {float(g_loss):.3f}")

# Two traces for 800 steps: the first creates the optimizers' variables, so tf.function
# traces once more without creating them; every later step reuses that graph.
print(f"Python runs of train_step: {len(traces)} in {steps} steps")
assert len(traces) == 2  # proof: two-traces

samples = generator(tf.random.normal((32, latent))).numpy()
real_mean, end_mean = float(tf.reduce_mean(real_data)), samples.mean()
spread = samples.std(axis=0).mean()
print(
    f"mean pixel, real: {real_mean:.3f}, generated before: {start_mean:.3f}, after: "
    f"{end_mean:.3f}"
)
print(f"pixel spread across samples: {spread:.3f}")
# Neither network has won outright, the generated digits have moved most of the way
# towards the real ones' brightness, and they are not all the same image.
assert all(0.05 < d < 3 for d in history["d_loss"][-4:])  # proof: no-outright-win
# proof: brightness
assert abs(end_mean - real_mean) < 0.5 * abs(start_mean - real_mean)
assert spread > 0.1  # proof: samples-differ

plt.rcParams["svg.hashsalt"] = "x"
fig, axes = plt.subplots(4, 8, figsize=(6, 3))
fig.subplots_adjust(0, 0, 1, 1, 0.05, 0.05)
for image, ax in zip(samples, axes.flat, strict=True):
    ax.imshow(image.reshape(28, 28), cmap="gray", vmin=-1, vmax=1)
    ax.axis("off")
fig.savefig("samples.png", dpi=80)
fig, ax = plt.subplots(figsize=(6, 3))
ax.plot(history["step"], history["d_loss"], label="discriminator")
ax.plot(history["step"], history["g_loss"], label="generator")
ax.set_xlabel("step")
ax.legend()
fig.savefig("losses.svg", metadata={"Date": None})
