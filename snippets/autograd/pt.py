import numpy as np
import torch

# f(x) = sum(x**3 + 2 sin x), so df/dx = 3 x**2 + 2 cos x.
x = torch.tensor([0.5, 1.0, 2.0], requires_grad=True)
y = (x**3 + 2 * torch.sin(x)).sum()

# PyTorch records operations on tensors that require grad; backward() fills x.grad.
y.backward()
grad = x.grad.clone()
print(f"f(x): {y.item():.6f}")
print(f"grad: {grad}")

analytic = 3 * x.detach().numpy() ** 2 + 2 * np.cos(x.detach().numpy())
print(f"analytic: {analytic}")
# Within float32 rounding (rtol=0, so the tolerance is absolute).
assert np.allclose(grad.numpy(), analytic, rtol=0, atol=1e-5)  # proof: analytic

# A second gradient: a new forward and backward add to x.grad rather than replace it.
(x**3 + 2 * torch.sin(x)).sum().backward()
print(f"second gradient: x.grad is twice the first {torch.equal(x.grad, 2 * grad)}")
assert torch.equal(x.grad, 2 * grad)  # proof: grad-accumulates

# Cleared first (optimizer.zero_grad() sets it to None), x.grad holds one gradient.
x.grad = None
(x**3 + 2 * torch.sin(x)).sum().backward()
print(f"second gradient, cleared first: x.grad equals it {torch.equal(x.grad, grad)}")
assert torch.equal(x.grad, grad)  # proof: grad-cleared

# A tensor is recorded only once it asks to be (requires_grad).
c = torch.tensor([0.5, 1.0, 2.0])
before = (c**3).sum().requires_grad
c.requires_grad_()
after = (c**3).sum().requires_grad
# Inside torch.no_grad() nothing is recorded, even for a tensor that requires grad.
with torch.no_grad():
    paused = (c**3).sum().requires_grad
print(f"recorded: plain tensor {before}, after opting in {after}, no_grad {paused}")
assert not before and after and not paused  # proof: requires-grad
