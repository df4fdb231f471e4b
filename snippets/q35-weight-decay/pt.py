import torch

device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else torch.device("cpu")
)

# The same start and the same loss for one optimizer step, taken four ways.
learning_rate, weight_decay = 0.1, 0.1
start = torch.tensor([1.0, -2.0, 0.5, 3.0], device=device)
target = torch.tensor([0.5, -1.0, 1.5, 1.0], device=device)


def one_step(optimizer_class, l2=0.0, **options):
    weights = start.clone().requires_grad_()
    optimizer = optimizer_class([weights], lr=learning_rate, **options)
    # Squared error, plus an optional L2 penalty l2 / 2 * |w|^2 whose gradient is
    # l2 * w.
    loss = ((weights - target) ** 2).sum() + l2 / 2 * (weights**2).sum()
    loss.backward()
    optimizer.step()
    return weights.detach().cpu()


adam = one_step(torch.optim.Adam)
adam_l2 = one_step(torch.optim.Adam, l2=weight_decay)
adam_weight_decay = one_step(torch.optim.Adam, weight_decay=weight_decay)
adamw = one_step(torch.optim.AdamW, weight_decay=weight_decay)
print(f"Adam: {adam.numpy()}")
print(f"Adam, L2 term in the loss: {adam_l2.numpy()}")
print(f"AdamW: {adamw.numpy()}")

# On this first step Adam divides each gradient by its own size, so the L2 term changes
# almost nothing, while AdamW's shrinking is still there.
assert torch.allclose(adam_l2, adam, atol=1e-5)

# AdamW decouples the decay: it shrinks the weights by lr * weight_decay * w and takes
# the plain Adam step, so it is not Adam with an L2 penalty.
shrink = learning_rate * weight_decay * start.cpu()
assert torch.allclose(adamw, adam - shrink, atol=1e-6)
difference = (adamw - adam_l2).abs().max().item()
print(f"AdamW against Adam with the L2 term, largest difference: {difference:.4f}")
assert difference > 1e-3

# torch.optim.Adam's own weight_decay adds weight_decay * w to the gradient: an L2 term.
same_as = "L2 term" if torch.allclose(adam_weight_decay, adam_l2) else "AdamW"
print(f"Adam(weight_decay=...) behaves like: {same_as}")
assert same_as == "L2 term"

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
assert factors == [1 - learning_rate * weight_decay, 1.0]
