import torch

# loss(w) = sum((w - target)**2), so its gradient is 2 (w - target).
target = torch.tensor([1.0, -1.0, 0.5])
w = torch.zeros(3, requires_grad=True)

# PyTorch's Adam adds eps = 1e-8 to the bias-corrected sqrt(v_hat).
defaults = torch.optim.Adam([w]).defaults
print(f"default epsilon: {defaults['eps']}")
assert defaults["eps"] == 1e-8  # proof: adam-default-epsilon
# The learning rate and betas default to the same values in both frameworks.
betas = list(defaults["betas"])
print(f"default learning rate: {defaults['lr']}, betas: {betas}")
assert defaults["lr"] == 0.001 and betas == [0.9, 0.999]  # proof: adam-default-betas

learning_rate = 0.1
beta_1, beta_2, epsilon = 0.9, 0.999, 1e-8
optimizer = torch.optim.Adam([w], lr=learning_rate, betas=(beta_1, beta_2), eps=epsilon)


# By hand in float64: m, v are running means of grad and grad**2, and each rule turns
# them into a step, with the bias corrections 1 - beta_1**t and 1 - beta_2**t.
def pytorch_rule(m, v, correction_1, correction_2):
    return learning_rate * (m / correction_1) / ((v / correction_2).sqrt() + epsilon)


def keras_rule(m, v, correction_1, correction_2):
    alpha = learning_rate * correction_2**0.5 / correction_1
    return alpha * m / (v.sqrt() + epsilon)


# The by-hand result follows PyTorch's rule with float64 corrections; the nearest
# alternatives are the same rule with float32 corrections and Keras's rule.
tolerance = 1e-7
expected, other_precision, other_rule = torch.zeros((3, 3), dtype=torch.float64)
m, v = torch.zeros((2, 3), dtype=torch.float64)
history = []
for step in range(1, 4):
    optimizer.zero_grad()
    loss = ((w - target) ** 2).sum()
    loss.backward()
    grad = w.grad.double()
    m = beta_1 * m + (1 - beta_1) * grad
    v = beta_2 * v + (1 - beta_2) * grad**2
    # PyTorch computes bias corrections in Python floats (float64), Keras in float32.
    float64 = [1 - beta_1**step, 1 - beta_2**step]
    float32 = (1 - torch.tensor([beta_1, beta_2]) ** step).tolist()
    expected -= pytorch_rule(m, v, *float64)
    other_precision -= pytorch_rule(m, v, *float32)
    other_rule -= keras_rule(m, v, *float32)
    optimizer.step()
    result = w.detach().double()
    assert (result - expected).abs().max() < tolerance  # proof: adam-by-hand
    gaps = [(result - o).abs().max() for o in (other_precision, other_rule)]
    assert min(gaps) > tolerance  # proof: adam-alternatives-rejected
    history.append(w.detach().tolist())
    print(f"step {step}: loss {loss.item():.4f}, w {history[-1]}")
rule_gap = (result - other_rule).abs().max().item()
print(f"after 3 steps, the other framework's rule differs by {rule_gap:.1e}")
assert 1e-6 < rule_gap < 1e-5  # proof: adam-rule-gap


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
# proof: adam-tiny-pytorch
assert all(abs(step + learning_rate / 1.1) < 1e-7 for step in tiny_step["first step"])
