import torch

# loss(w) = sum((w - target)**2), so its gradient is 2 (w - target).
target = torch.tensor([1.0, -1.0, 0.5])
w = torch.zeros(3, requires_grad=True)

# PyTorch's Adam adds eps = 1e-8 to the bias-corrected sqrt(v_hat).
defaults = torch.optim.Adam([w]).defaults
print(f"default epsilon: {defaults['eps']}")
assert defaults["eps"] == 1e-8
# The learning rate and betas default to the same values in both frameworks.
betas = list(defaults["betas"])
print(f"default learning rate: {defaults['lr']}, betas: {betas}")
assert defaults["lr"] == 0.001 and betas == [0.9, 0.999]

learning_rate = 0.1
beta_1, beta_2, epsilon = 0.9, 0.999, 1e-8
optimizer = torch.optim.Adam([w], lr=learning_rate, betas=(beta_1, beta_2), eps=epsilon)

# By hand: m, v are running means of grad and grad**2; w -= lr * m_hat / (sqrt(v_hat)
# + eps).
expected, m, v = torch.zeros(3), torch.zeros(3), torch.zeros(3)
history = []
for step in range(1, 4):
    optimizer.zero_grad()
    loss = ((w - target) ** 2).sum()
    loss.backward()
    m = beta_1 * m + (1 - beta_1) * w.grad
    v = beta_2 * v + (1 - beta_2) * w.grad**2
    # PyTorch computes the bias corrections in Python floats (float64).
    m_hat, v_hat = m / (1 - beta_1**step), v / (1 - beta_2**step)
    expected -= learning_rate * m_hat / (v_hat.sqrt() + epsilon)
    optimizer.step()
    assert torch.allclose(w.detach(), expected, atol=1e-7)
    history.append(w.detach().tolist())
    print(f"step {step}: loss {loss.item():.4f}, w {history[-1]}")


# With tiny gradients epsilon dominates the first step; compare defaults and an equal
# value.
def first_step(gradient, **options):
    w = torch.zeros(3, requires_grad=True)
    optimizer = torch.optim.Adam([w], lr=learning_rate, **options)
    w.grad = gradient.clone()
    optimizer.step()
    return w[0].item()


tiny = torch.full((3,), 1e-7)
# Keras adds epsilon before bias correction: scaling it by sqrt(1 - beta_2**t) matches
# PyTorch.
matched_first_step = first_step(tiny, eps=1e-8)
tiny_step = {
    "epsilon": ["framework default", "1e-8", "1e-8, rescaled for Keras"],
    "first step": [first_step(tiny), first_step(tiny, eps=1e-8), matched_first_step],
}
print(f"first step with a 1e-7 gradient: {tiny_step['first step']}")
# PyTorch's rule gives lr * g / (g + eps) = lr / 1.1 for every choice of epsilon shown.
assert all(abs(step + learning_rate / 1.1) < 1e-7 for step in tiny_step["first step"])
