import numpy as np
import torch

device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else torch.device("cpu")
)
torch.set_default_device(device)  # New tensors land on the GPU when there is one.
# The same seeded inputs in both files: every row below is compared with the TensorFlow
# file.
rng = np.random.default_rng(0)
start = rng.standard_normal(3).astype(np.float32)
scale = torch.tensor(rng.standard_normal(3).astype(np.float32))

# backward: PyTorch stores the gradient in .grad; a tape returns it.
x = torch.tensor(start, requires_grad=True)
loss = (scale * x**2).sum()
loss.backward()
backward = x.grad
print(f"backward: {backward.tolist()}")

# grad: the gradient returned rather than stored.
x = torch.tensor(start, requires_grad=True)
loss = (scale * x**2).sum()
(grad,) = torch.autograd.grad(loss, x)
print(f"grad: {grad.tolist()}")

# watch: PyTorch tracks a tensor made with requires_grad=True; a tape watches variables.
x = torch.tensor(start, requires_grad=True)
(watch,) = torch.autograd.grad((x**3).sum(), x)
print(f"watch: {watch.tolist()}")

# no_grad: work inside the block is not recorded.
x = torch.tensor(start, requires_grad=True)
with torch.no_grad():
    shift = x * 2
(no_grad,) = torch.autograd.grad((x**2 + shift).sum(), x)
assert torch.equal(no_grad, 2 * x.detach())  # 2x, not 2x + 2: shift was not recorded.
print(f"no_grad: {no_grad.tolist()}")

# detach: a tensor whose gradient is not followed.
x = torch.tensor(start, requires_grad=True)
(detach,) = torch.autograd.grad((x * x.detach()).sum(), x)
assert torch.equal(detach, x.detach())  # x, not 2x: one factor is a constant.
print(f"detach: {detach.tolist()}")

# accumulate: PyTorch adds each backward() into .grad; zero_grad() clears it.
x = torch.tensor(start, requires_grad=True)
for _ in range(2):
    loss = (x**2).sum()
    loss.backward()
accumulate = x.grad
assert torch.equal(accumulate, 2 * (2 * x.detach()))  # Twice one gradient, 2x.
print(f"accumulate: {accumulate.tolist()}")

# persistent: a graph is freed after one backward unless retain_graph=True.
x = torch.tensor(start, requires_grad=True)
loss = (x**2).sum()
loss.backward(retain_graph=True)
first = x.grad.clone()
loss.backward()
try:
    loss.backward()
    raise AssertionError("a third backward() through a freed graph did not raise")
except RuntimeError as error:
    print(f"persistent: third backward(): RuntimeError: {str(error)[:50]}...")
persistent = [first, x.grad - first]
print(f"persistent: {first.tolist()}")

# second_order: a gradient of a gradient.
x = torch.tensor(start, requires_grad=True)
y = (x**3).sum()
(dy,) = torch.autograd.grad(y, x, create_graph=True)
(second_order,) = torch.autograd.grad(dy.sum(), x)
print(f"second_order: {second_order.tolist()}")


# jacobian: every output's gradient, one row per output.
def f(v):
    return torch.sin(v) * scale


x = torch.tensor(start)
jacobian = torch.autograd.functional.jacobian(f, x)
print(f"jacobian: {tuple(jacobian.shape)}")

# unconnected: an input the output does not use; PyTorch raises, TensorFlow returns
# None.
x = torch.tensor(start, requires_grad=True)
u = torch.tensor(start, requires_grad=True)
y = (x**2).sum()
try:
    torch.autograd.grad(y, [x, u], retain_graph=True)
    raise AssertionError("an unused input did not raise")
except RuntimeError as error:
    print(f"unconnected: RuntimeError: {str(error)[:50]}...")
_, unconnected = torch.autograd.grad(
    y, [x, u], allow_unused=True, materialize_grads=True
)
print(f"unconnected: {unconnected.tolist()}")


# custom_gradient: a function with a hand-written backward (here: clip the gradient to
# 1).
class ClipGrad(torch.autograd.Function):
    @staticmethod
    def forward(ctx, v):
        return v * 3

    @staticmethod
    def backward(ctx, upstream):
        return torch.clamp(upstream * 3, -1.0, 1.0)


x = torch.tensor(start, requires_grad=True)
(custom_gradient,) = torch.autograd.grad((ClipGrad.apply(x) * scale).sum(), x)
print(f"custom_gradient: {custom_gradient.tolist()}")

# hook: PyTorch can rewrite a gradient on its way back; the nearest in TensorFlow is
# tf.custom_gradient.
x = torch.tensor(start, requires_grad=True)
x.register_hook(lambda g: g * 0.5)
(x**2).sum().backward()
hook = x.grad
assert torch.equal(hook, x.detach())  # Half of 2x.
print(f"hook: {hook.tolist()}")
