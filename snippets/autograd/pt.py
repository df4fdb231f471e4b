import numpy as np
import torch

# f(x) = sum(x**3 + 2 sin x), so df/dx = 3 x**2 + 2 cos x.
x = torch.tensor([0.5, 1.0, 2.0], requires_grad=True)
y = (x**3 + 2 * torch.sin(x)).sum()

# PyTorch records operations on tensors that require grad; backward() fills x.grad.
y.backward()
grad = x.grad
print(f"f(x): {y.item():.6f}")
print(f"grad: {grad}")

analytic = 3 * x.detach().numpy() ** 2 + 2 * np.cos(x.detach().numpy())
print(f"analytic: {analytic}")
assert np.allclose(grad.numpy(), analytic, atol=1e-6)
