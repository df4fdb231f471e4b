import numpy as np
import torch

# A two-layer network in float64: out = tanh(x @ w1 + b1) @ w2 + b2, loss = mean((out
# - y)**2).
rng = np.random.default_rng(0)
x, y = rng.normal(size=(4, 3)), rng.normal(size=(4, 2))
params = {
    "w1": rng.normal(size=(3, 5)),
    "b1": np.zeros(5),
    "w2": rng.normal(size=(5, 2)),
    "b2": np.zeros(2),
}

# Forward pass in NumPy, keeping the intermediate values the backward pass needs.
hidden = np.tanh(x @ params["w1"] + params["b1"])
out = hidden @ params["w2"] + params["b2"]
loss_numpy = np.mean((out - y) ** 2)

# Backward pass by hand: the chain rule applied from the loss back to the first layer.
d_out = 2 * (out - y) / out.size
d_hidden = d_out @ params["w2"].T
d_pre = d_hidden * (1 - hidden**2)  # tanh'(z) = 1 - tanh(z)**2.
manual = {
    "w2": hidden.T @ d_out,
    "b2": d_out.sum(0),
    "w1": x.T @ d_pre,
    "b1": d_pre.sum(0),
}

# The same network in PyTorch: autograd records the forward pass, backward() walks it
# back.
tensors = {
    name: torch.tensor(value, requires_grad=True) for name, value in params.items()
}
hidden_t = torch.tanh(torch.from_numpy(x) @ tensors["w1"] + tensors["b1"])
loss = torch.mean((hidden_t @ tensors["w2"] + tensors["b2"] - torch.from_numpy(y)) ** 2)
loss.backward()
grads = {name: tensor.grad.numpy().copy() for name, tensor in tensors.items()}
print(f"gradient dtype: {grads['w1'].dtype}")
# NumPy float64 in, float64 out.
assert all(grad.dtype == np.float64 for grad in grads.values())  # proof: float64
print(f"loss: NumPy {loss_numpy:.12f}, framework {loss.item():.12f}")
for name in params:
    difference = np.abs(grads[name] - manual[name]).max()
    print(f"d loss / d {name}: largest difference from NumPy {difference:.1e}")
    assert difference < 1e-12  # proof: match-by-hand

# .grad adds up: a second backward pass, on the same loss rebuilt, doubles every
# gradient.
hidden_t = torch.tanh(torch.from_numpy(x) @ tensors["w1"] + tensors["b1"])
loss = torch.mean((hidden_t @ tensors["w2"] + tensors["b2"] - torch.from_numpy(y)) ** 2)
loss.backward()
# proof: grad-accumulates
assert all(np.allclose(tensors[n].grad.numpy(), 2 * grads[n]) for n in params)
