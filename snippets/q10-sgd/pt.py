import torch

# loss(w) = sum((w - target)**2), so its gradient is 2 (w - target).
target = torch.tensor([1.0, -1.0, 0.5])
w = torch.zeros(3, requires_grad=True)

# PyTorch's SGD defaults to a learning rate of 0.001 and no momentum.
defaults = torch.optim.SGD([w]).defaults
print(f"default learning rate: {defaults['lr']}, momentum: {defaults['momentum']}")
assert defaults["lr"] == 0.001 and defaults["momentum"] == 0

learning_rate = 0.1
momentum = 0.9
optimizer = torch.optim.SGD([w], lr=learning_rate, momentum=momentum)

# By hand, PyTorch's rule: velocity = momentum * velocity + grad; w -= learning_rate *
# velocity.
expected = torch.zeros(3)
velocity = torch.zeros(3)
history = []
for step in range(3):
    optimizer.zero_grad()  # Gradients add up in w.grad until they are cleared.
    loss = ((w - target) ** 2).sum()
    loss.backward()
    velocity = momentum * velocity + w.grad
    expected -= learning_rate * velocity
    optimizer.step()
    assert torch.allclose(w.detach(), expected, atol=1e-7)
    history.append(w.detach().tolist())
    print(f"step {step + 1}: loss {loss.item():.4f}, w {history[-1]}")
