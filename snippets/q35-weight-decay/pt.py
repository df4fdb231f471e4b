import torch

device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else torch.device("cpu")
)

# The same start and the same loss for every optimizer, taken four ways.
learning_rate, weight_decay = 0.1, 0.1
start = torch.tensor([1.0, -2.0, 0.5, 3.0], device=device)
target = torch.tensor([0.5, -1.0, 1.5, 1.0], device=device)


def train(optimizer_class, steps=1, l2=0.0, **options):
    weights = start.clone().requires_grad_()
    optimizer = optimizer_class([weights], lr=learning_rate, **options)
    for _ in range(steps):
        # Squared error, plus an optional L2 penalty l2 / 2 * |w|^2 whose gradient is
        # l2 * w.
        loss = ((weights - target) ** 2).sum() + l2 / 2 * (weights**2).sum()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return weights.detach().cpu()


def distance(a, b):
    return (a - b).abs().max().item()


adam = train(torch.optim.Adam)
adam_l2 = train(torch.optim.Adam, l2=weight_decay)
adamw = train(torch.optim.AdamW, weight_decay=weight_decay)
print(f"Adam: {adam.numpy()}")
print(f"Adam, L2 term in the loss: {adam_l2.numpy()}")
print(f"AdamW: {adamw.numpy()}")

# AdamW decouples the decay: it shrinks the weights by lr * weight_decay * w and takes
# the plain Adam step. Without the shrink it would be 100 times the tolerance away.
shrink = learning_rate * weight_decay * start.cpu()
assert distance(adamw, adam - shrink) < 1e-6  # proof: adamw-is-adam-minus-shrink
assert shrink.abs().min() > 100 * 1e-6

# On this first step Adam divides each gradient by its own size, so the L2 term changes
# almost nothing, while AdamW's shrink moves the weights far more.
print(f"first step, L2 term against none: {distance(adam_l2, adam):.1e}")
print(f"first step, AdamW against the L2 term: {distance(adamw, adam_l2):.1e}")
# proof: l2-first-step
assert distance(adam_l2, adam) < 1e-5 and distance(adamw, adam_l2) > 1e-3

# After 10 steps the L2 term has changed Adam's running averages too, so no decay, an
# L2 term and decoupled decay end far apart; Adam(weight_decay=...) is the nearest one.
# torch.optim.Adam's own weight_decay adds weight_decay * w to the gradient: an L2 term.
steps = 10
candidates = {
    "no decay": train(torch.optim.Adam, steps),
    "L2 term": train(torch.optim.Adam, steps, l2=weight_decay),
    "AdamW": train(torch.optim.AdamW, steps, weight_decay=weight_decay),
}
adam_weight_decay = train(torch.optim.Adam, steps, weight_decay=weight_decay)
gaps = {name: distance(adam_weight_decay, w) for name, w in candidates.items()}
print(f"after {steps} steps, distance from Adam(weight_decay=...) to each:")
for name, gap in gaps.items():
    print(f"  {name}: {gap:.1e}")
same_as = min(gaps, key=gaps.get)
nearest, runner_up = sorted(gaps.values())[:2]
print(f"Adam(weight_decay=...) behaves like: {same_as}")
# proof: adam-weight-decay
assert same_as == "L2 term" and nearest < 1e-5 and runner_up > 1e-3

# Weight decay is set per parameter group: here the weight decays and the bias does not.
# With zero gradients the Adam step is zero, so what is left is the decay.
layer = torch.nn.Linear(4, 2).to(device)
with torch.no_grad():
    layer.bias.fill_(1.0)
groups = [{"params": [layer.weight]}, {"params": [layer.bias], "weight_decay": 0.0}]
optimizer = torch.optim.AdamW(groups, lr=learning_rate, weight_decay=weight_decay)
before = [p.detach().clone() for p in (layer.weight, layer.bias)]
for p in layer.parameters():
    p.grad = torch.zeros_like(p)
optimizer.step()
factors = [
    round((p / b).mean().item(), 6)
    for p, b in zip((layer.weight, layer.bias), before, strict=True)
]
print(f"one step with zero gradients scales weight and bias by: {factors}")
assert factors == [1 - learning_rate * weight_decay, 1.0]  # proof: bias-excluded
