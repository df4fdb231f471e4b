import keras
import numpy as np
import tensorflow as tf

# Full float32 on GPUs too (no TF32).
tf.config.experimental.enable_tensor_float_32_execution(False)
# The same seeded problem in both files: a least-squares fit from the same start, a few
# steps of each opt, then the weights are compared with the PyTorch file.
rng = np.random.default_rng(0)
inputs = tf.constant(rng.standard_normal((8, 3)).astype(np.float32))
outputs = tf.constant(rng.standard_normal(8).astype(np.float32))
start = rng.standard_normal(3).astype(np.float32)


def loss_of(w, b):
    return tf.reduce_mean((tf.linalg.matvec(inputs, w) + b - outputs) ** 2)


# train_step: zero_grad(), backward(), step() against a tape and apply_gradients().
def train(opt, w, b, steps=3):
    for _ in range(steps):
        with tf.GradientTape() as tape:
            loss = loss_of(w, b)
        grads = tape.gradient(loss, [w, b])
        opt.apply_gradients(zip(grads, [w, b]))
    return [w, b]


def new_weights():
    w = tf.Variable(start)
    b = tf.Variable(0.0)
    return w, b


w, b = new_weights()
train_step = train(keras.optimizers.SGD(learning_rate=0.1), w, b)
print(f"train_step: {train_step[0].numpy().tolist()}")

# sgd_default_lr: SGD's learning rate defaults to 0.001 in PyTorch, 0.01 in Keras.
w, b = new_weights()
default_sgd = keras.optimizers.SGD()
assert np.isclose(float(default_sgd.learning_rate), 0.01)
sgd_default_lr = train(default_sgd, w, b)
print(f"sgd_default_lr: {sgd_default_lr[0].numpy().tolist()}")

# momentum: the two formulas differ in where the learning rate goes, not in the result.
w, b = new_weights()
momentum = train(keras.optimizers.SGD(learning_rate=0.1, momentum=0.9), w, b)
print(f"momentum: {momentum[0].numpy().tolist()}")
# With the rate halved after one step (gradient 1), the two formulas part.
p = tf.Variable([0.0])
opt = keras.optimizers.SGD(learning_rate=0.1, momentum=0.9)
for lr in (0.1, 0.05):
    opt.learning_rate = lr
    opt.apply_gradients([(tf.ones(1), p)])
torch_rule, keras_rule = -(0.1 + 0.05 * 1.9), -(0.1 + 0.9 * 0.1 + 0.05)
assert abs(float(p[0]) - keras_rule) < 1e-6 < abs(float(p[0]) - torch_rule)

# nesterov: Nesterov momentum.
w, b = new_weights()
nesterov = train(
    keras.optimizers.SGD(learning_rate=0.1, momentum=0.9, nesterov=True), w, b
)
print(f"nesterov: {nesterov[0].numpy().tolist()}")

# adam: eps 1e-8 in PyTorch, 1e-7 in Keras, and placed differently: it matters only when
# gradients are tiny.
w, b = new_weights()
adam_optimizer = keras.optimizers.Adam(learning_rate=0.1)
assert adam_optimizer.epsilon == 1e-7
assert np.isclose(float(keras.optimizers.Adam().learning_rate), 0.001)
adam = train(adam_optimizer, w, b)
print(f"adam: {adam[0].numpy().tolist()}")
# One step on a tiny gradient g, with the same eps in both: PyTorch adds eps to the
# bias-corrected sqrt(v), Keras to the raw one, which is sqrt(1 - beta_2) smaller.
g, eps = 1e-7, 1e-7
torch_rule = 0.1 * g / (g + eps)
keras_rule = 0.1 * g / (g + eps / (1 - 0.999) ** 0.5)
p = tf.Variable([0.0])
tiny = keras.optimizers.Adam(learning_rate=0.1, epsilon=eps)
tiny.apply_gradients([(tf.constant([g]), p)])
step = -float(p[0])
assert abs(step - keras_rule) < 1e-6 < abs(step - torch_rule)
print(f"adam: tiny gradient: step {step:.6f}, PyTorch's rule {torch_rule:.6f}")

# adamw: decoupled weight decay in both; the default decay is 0.01 in PyTorch, 0.004 in
# Keras.
w, b = new_weights()
assert keras.optimizers.AdamW().weight_decay == 0.004
adamw = train(keras.optimizers.AdamW(learning_rate=0.1, weight_decay=0.01), w, b)
print(f"adamw: {adamw[0].numpy().tolist()}")

# rmsprop: alpha=0.99 and lr=0.01 in PyTorch, rho=0.9 and 0.001 in Keras; eps outside
# the square root in PyTorch, inside it in Keras.
w, b = new_weights()
defaults = keras.optimizers.RMSprop()
assert defaults.rho == 0.9 and np.isclose(float(defaults.learning_rate), 0.001)
rmsprop = train(
    keras.optimizers.RMSprop(learning_rate=0.01, rho=0.9, epsilon=1e-10), w, b
)
print(f"rmsprop: {rmsprop[0].numpy().tolist()}")

# adagrad: the accumulator starts at 0 in PyTorch and at 0.1 in Keras; eps 1e-10 is
# added outside the square root in PyTorch, 1e-7 inside it in Keras.
w, b = new_weights()
adagrad_defaults = keras.optimizers.Adagrad()
assert adagrad_defaults.initial_accumulator_value == 0.1
assert adagrad_defaults.epsilon == 1e-7
adagrad = train(keras.optimizers.Adagrad(learning_rate=0.1, epsilon=1e-10), w, b)
print(f"adagrad: {adagrad[0].numpy().tolist()}")

# clip_norm: clip_grad_norm_ scales all gradients by one global norm, like Keras's
# global_clipnorm; Keras's clipnorm clips each variable on its own.
w, b = new_weights()
clip_norm = train(keras.optimizers.SGD(learning_rate=0.1, global_clipnorm=0.5), w, b)
w, b = new_weights()
per_variable = train(keras.optimizers.SGD(learning_rate=0.1, clipnorm=0.5), w, b)
assert np.abs(per_variable[0].numpy() - clip_norm[0].numpy()).max() > 1e-4
print(f"clip_norm: {clip_norm[0].numpy().tolist()}")

# clip_value: each gradient element clipped to [-0.1, 0.1].
w, b = new_weights()
clip_value = train(keras.optimizers.SGD(learning_rate=0.1, clipvalue=0.1), w, b)
print(f"clip_value: {clip_value[0].numpy().tolist()}")

# step_lr: a PyTorch scheduler moves when you call scheduler.step() (usually once an
# epoch); a Keras schedule is a function of the opt's step count (once a batch).
schedule = keras.optimizers.schedules.ExponentialDecay(
    0.1, decay_steps=2, decay_rate=0.5, staircase=True
)
step_lr = [float(schedule(step)) for step in range(6)]
print(f"step_lr: {step_lr}")

# cosine_lr: cosine decay from the initial rate to 0 over T_max (decay_steps) steps.
schedule = keras.optimizers.schedules.CosineDecay(0.1, decay_steps=10)
cosine_lr = [float(schedule(step)) for step in range(11)]
print(f"cosine_lr: {[round(lr, 4) for lr in cosine_lr]}")

# exponential_lr: the rate multiplied by gamma at every step.
schedule = keras.optimizers.schedules.ExponentialDecay(
    0.1, decay_steps=1, decay_rate=0.9
)
exponential_lr = [float(schedule(step)) for step in range(5)]
print(f"exponential_lr: {[round(lr, 5) for lr in exponential_lr]}")

# sgd_weight_decay: PyTorch adds weight_decay * w to the gradient (L2), Keras shrinks
# the weights directly (decoupled); plain SGD gives the same steps, momentum would not.
w, b = new_weights()
sgd_weight_decay = train(
    keras.optimizers.SGD(learning_rate=0.1, weight_decay=0.1), w, b
)
w, b = new_weights()
decoupled = train(
    keras.optimizers.SGD(learning_rate=0.1, momentum=0.9, weight_decay=0.1), w, b
)
w, b = new_weights()
opt = keras.optimizers.SGD(learning_rate=0.1, momentum=0.9)
for _ in range(
    3
):  # PyTorch's coupled decay: an L2 term whose gradient is weight_decay * w.
    with tf.GradientTape() as tape:
        loss = loss_of(w, b) + 0.1 / 2 * (tf.reduce_sum(w**2) + b**2)
    opt.apply_gradients(zip(tape.gradient(loss, [w, b]), [w, b]))
assert np.abs(decoupled[0].numpy() - w.numpy()).max() > 1e-4
print(f"sgd_weight_decay: {sgd_weight_decay[0].numpy().tolist()}")

# param_groups: PyTorch sets options per group of parameters; Keras has one set per
# opt, and exclude_from_weight_decay is the nearest for decay.
w, b = new_weights()
opt = keras.optimizers.AdamW(learning_rate=0.1, weight_decay=0.1)
opt.exclude_from_weight_decay(var_list=[b])
param_groups = train(opt, w, b)
print(
    f"param_groups: {param_groups[0].numpy().tolist()}, {param_groups[1].numpy():.6f}"
)

# set_lr: change the learning rate of a live opt.
w, b = new_weights()
opt = keras.optimizers.SGD(learning_rate=0.1)
opt.learning_rate = 0.05
set_lr = train(opt, w, b)
print(f"set_lr: {set_lr[0].numpy().tolist()}")
