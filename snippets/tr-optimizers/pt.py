import numpy as np
import torch

device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else torch.device("cpu")
)
torch.backends.cuda.matmul.fp32_precision = "ieee"  # Full float32 on GPUs too.
# The same seeded problem in both files: a least-squares fit from the same start, a few
# steps of each opt, then the weights are compared with the TensorFlow file.
rng = np.random.default_rng(0)
inputs = torch.tensor(rng.standard_normal((8, 3)).astype(np.float32), device=device)
outputs = torch.tensor(rng.standard_normal(8).astype(np.float32), device=device)
start = rng.standard_normal(3).astype(np.float32)


def loss_of(w, b):
    return ((inputs @ w + b - outputs) ** 2).mean()


# train_step: zero_grad(), backward(), step() against a tape and apply_gradients().
def train(opt, w, b, steps=3):
    for _ in range(steps):
        opt.zero_grad()
        loss = loss_of(w, b)
        loss.backward()
        opt.step()
    return [w.detach(), b.detach()]


def new_weights():
    w = torch.tensor(start, device=device, requires_grad=True)
    b = torch.zeros((), device=device, requires_grad=True)
    return w, b


w, b = new_weights()
train_step = train(torch.optim.SGD([w, b], lr=0.1), w, b)
print(f"train_step: {train_step[0].tolist()}")

# sgd_default_lr: SGD's learning rate defaults to 0.001 in PyTorch, 0.01 in Keras.
w, b = new_weights()
assert torch.optim.SGD([w, b]).defaults["lr"] == 0.001
sgd_default_lr = train(torch.optim.SGD([w, b], lr=0.01), w, b)
print(f"sgd_default_lr: {sgd_default_lr[0].tolist()}")

# momentum: the two formulas differ in where the learning rate goes, not in the result.
w, b = new_weights()
momentum = train(torch.optim.SGD([w, b], lr=0.1, momentum=0.9), w, b)
print(f"momentum: {momentum[0].tolist()}")
# With the rate halved after one step (gradient 1), the two formulas part.
p = torch.zeros(1, requires_grad=True)
opt = torch.optim.SGD([p], lr=0.1, momentum=0.9)
for lr in (0.1, 0.05):
    opt.param_groups[0]["lr"] = lr
    p.grad = torch.ones(1)
    opt.step()
torch_rule, keras_rule = -(0.1 + 0.05 * 1.9), -(0.1 + 0.9 * 0.1 + 0.05)
assert abs(p.item() - torch_rule) < 1e-6 < abs(p.item() - keras_rule)

# nesterov: Nesterov momentum.
w, b = new_weights()
nesterov = train(torch.optim.SGD([w, b], lr=0.1, momentum=0.9, nesterov=True), w, b)
print(f"nesterov: {nesterov[0].tolist()}")

# adam: eps 1e-8 in PyTorch, 1e-7 in Keras, and placed differently: it matters only when
# gradients are tiny.
w, b = new_weights()
adam_optimizer = torch.optim.Adam([w, b], lr=0.1)
assert adam_optimizer.defaults["eps"] == 1e-8
assert torch.optim.Adam([w, b]).defaults["lr"] == 0.001
adam = train(adam_optimizer, w, b)
print(f"adam: {adam[0].tolist()}")
# One step on a tiny gradient g, with the same eps in both: PyTorch adds eps to the
# bias-corrected sqrt(v), Keras to the raw one, which is sqrt(1 - beta_2) smaller.
g, eps = 1e-7, 1e-7
torch_rule = 0.1 * g / (g + eps)
keras_rule = 0.1 * g / (g + eps / (1 - 0.999) ** 0.5)
p = torch.zeros(1, requires_grad=True)
p.grad = torch.full((1,), g)
tiny = torch.optim.Adam([p], lr=0.1, eps=eps)
tiny.step()
assert abs(-p.item() - torch_rule) < 1e-6 < abs(-p.item() - keras_rule)
print(f"adam: tiny gradient: step {-p.item():.6f}, Keras's rule {keras_rule:.6f}")

# adamw: decoupled weight decay in both; the default decay is 0.01 in PyTorch, 0.004 in
# Keras.
w, b = new_weights()
adamw_optimizer = torch.optim.AdamW([w, b], lr=0.1)
assert adamw_optimizer.defaults["weight_decay"] == 0.01
adamw = train(adamw_optimizer, w, b)
print(f"adamw: {adamw[0].tolist()}")

# rmsprop: alpha=0.99 and lr=0.01 in PyTorch, rho=0.9 and 0.001 in Keras; eps outside
# the square root in PyTorch, inside it in Keras.
w, b = new_weights()
rmsprop_defaults = torch.optim.RMSprop([w, b]).defaults
assert rmsprop_defaults["alpha"] == 0.99 and rmsprop_defaults["lr"] == 0.01
rmsprop = train(torch.optim.RMSprop([w, b], lr=0.01, alpha=0.9, eps=1e-10), w, b)
print(f"rmsprop: {rmsprop[0].tolist()}")

# adagrad: the accumulator starts at 0 in PyTorch and at 0.1 in Keras; eps 1e-10 is
# added outside the square root in PyTorch, 1e-7 inside it in Keras.
w, b = new_weights()
adagrad_defaults = torch.optim.Adagrad([w, b]).defaults
assert adagrad_defaults["initial_accumulator_value"] == 0
assert adagrad_defaults["eps"] == 1e-10
adagrad = train(
    torch.optim.Adagrad([w, b], lr=0.1, initial_accumulator_value=0.1), w, b
)
print(f"adagrad: {adagrad[0].tolist()}")

# clip_norm: clip_grad_norm_ scales all gradients by one global norm, like Keras's
# global_clipnorm; Keras's clipnorm clips each variable on its own.
w, b = new_weights()
opt = torch.optim.SGD([w, b], lr=0.1)
for _ in range(3):
    opt.zero_grad()
    loss_of(w, b).backward()
    torch.nn.utils.clip_grad_norm_([w, b], max_norm=0.5)
    opt.step()
clip_norm = [w.detach(), b.detach()]
print(f"clip_norm: {clip_norm[0].tolist()}")

# clip_value: each gradient element clipped to [-0.1, 0.1].
w, b = new_weights()
opt = torch.optim.SGD([w, b], lr=0.1)
for _ in range(3):
    opt.zero_grad()
    loss_of(w, b).backward()
    torch.nn.utils.clip_grad_value_([w, b], clip_value=0.1)
    opt.step()
clip_value = [w.detach(), b.detach()]
print(f"clip_value: {clip_value[0].tolist()}")

# step_lr: a PyTorch scheduler moves when you call scheduler.step() (usually once an
# epoch); a Keras schedule is a function of the opt's step count (once a batch).
opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
scheduler = torch.optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.5)
step_lr = []
for _ in range(6):
    step_lr.append(scheduler.get_last_lr()[0])
    opt.step()
    scheduler.step()
print(f"step_lr: {step_lr}")

# cosine_lr: cosine decay from the initial rate to 0 over T_max (decay_steps) steps.
opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=10)
cosine_lr = []
for _ in range(11):
    cosine_lr.append(scheduler.get_last_lr()[0])
    opt.step()
    scheduler.step()
print(f"cosine_lr: {[round(lr, 4) for lr in cosine_lr]}")

# exponential_lr: the rate multiplied by gamma at every step.
opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
scheduler = torch.optim.lr_scheduler.ExponentialLR(opt, gamma=0.9)
exponential_lr = []
for _ in range(5):
    exponential_lr.append(scheduler.get_last_lr()[0])
    opt.step()
    scheduler.step()
print(f"exponential_lr: {[round(lr, 5) for lr in exponential_lr]}")

# sgd_weight_decay: PyTorch adds weight_decay * w to the gradient (L2), Keras shrinks
# the weights directly (decoupled); plain SGD gives the same steps, momentum would not.
w, b = new_weights()
sgd_weight_decay = train(torch.optim.SGD([w, b], lr=0.1, weight_decay=0.1), w, b)
print(f"sgd_weight_decay: {sgd_weight_decay[0].tolist()}")

# param_groups: PyTorch sets options per group of parameters; Keras has one set per
# opt, and exclude_from_weight_decay is the nearest for decay.
w, b = new_weights()
groups = [{"params": [w], "weight_decay": 0.1}, {"params": [b], "weight_decay": 0.0}]
param_groups = train(torch.optim.AdamW(groups, lr=0.1), w, b)
print(f"param_groups: {param_groups[0].tolist()}, {param_groups[1].item():.6f}")

# set_lr: change the learning rate of a live opt.
w, b = new_weights()
opt = torch.optim.SGD([w, b], lr=0.1)
for g in opt.param_groups:
    g["lr"] = 0.05
set_lr = train(opt, w, b)
print(f"set_lr: {set_lr[0].tolist()}")
