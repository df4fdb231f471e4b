import torch

# loss(w) = sum((w - target)**2), so its gradient is 2 (w - target).
target = torch.tensor([1.0, -1.0, 0.5])
w = torch.zeros(3, requires_grad=True)

# PyTorch's SGD defaults to a learning rate of 0.001 and no momentum.
defaults = torch.optim.SGD([w]).defaults
print(f"default learning rate: {defaults['lr']}, momentum: {defaults['momentum']}")
assert defaults["lr"] == 0.001 and defaults["momentum"] == 0  # proof: sgd-defaults

# Three steps at 0.1, then one at half that rate.
learning_rates = [0.1, 0.1, 0.1, 0.05]
momentum = 0.9
optimizer = torch.optim.SGD([w], lr=learning_rates[0], momentum=momentum)

# By hand, PyTorch's rule: velocity = momentum * velocity + grad; w -= lr * velocity.
# The other rule, Keras's: velocity = momentum * velocity - lr * grad; w += velocity.
tolerance = 1e-7
expected, velocity = torch.zeros(3), torch.zeros(3)
other_rule, other_velocity = torch.zeros(3), torch.zeros(3)
history = []
for step, learning_rate in enumerate(learning_rates):
    optimizer.param_groups[0]["lr"] = learning_rate
    optimizer.zero_grad()  # Gradients add up in w.grad until they are cleared.
    loss = ((w - target) ** 2).sum()
    loss.backward()
    velocity = momentum * velocity + w.grad
    expected -= learning_rate * velocity
    other_velocity = momentum * other_velocity - learning_rate * w.grad
    other_rule += other_velocity
    optimizer.step()
    assert (w.detach() - expected).abs().max() < tolerance  # proof: sgd-by-hand
    gap = (w.detach() - other_rule).abs().max().item()
    history.append(w.detach().tolist())
    print(f"step {step + 1}: loss {loss.item():.4f}, w {history[-1]}")
    print(f"  the other rule is off by {gap:.1e}")
    # The two rules agree while the rate stays the same, and part when it changes.
    # proof: sgd-rules-part
    assert gap < tolerance if step < 3 else gap > 100 * tolerance
fixed_rate_history = history[:3]
