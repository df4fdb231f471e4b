import numpy as np
import torch
from torch import nn

from mnist_data import load_mnist

seed = 0
print(f"seed: {seed}")
# One thread per operation in both frameworks, so that timings compare like with like.
torch.set_num_threads(1)
device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else "cpu"
)

# Both files draw the same initial weights with NumPy, in Keras's (in, out) layout.
rng = np.random.default_rng(seed)
hidden_kernel = rng.uniform(-0.08, 0.08, (784, 128)).astype(np.float32)
output_kernel = rng.uniform(-0.2, 0.2, (128, 10)).astype(np.float32)

# PyTorch stores a Linear weight as (out, in), so each kernel is copied transposed.
model = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10)).to(device)
with torch.no_grad():
    for layer, kernel in ((model[0], hidden_kernel), (model[2], output_kernel)):
        layer.weight.copy_(torch.from_numpy(kernel.T))
        layer.bias.zero_()

# The same 1,000 images in the same order: no shuffling, 20 batches of 50 per epoch.
train_images, train_labels = load_mnist("train", n=1000)
x_train = torch.tensor(train_images.reshape(-1, 784) / np.float32(255), device=device)
y_train = torch.tensor(train_labels, device=device)
batch_size, epochs = 50, 5

# Plain SGD (no momentum) and a hand-written loop in both frameworks.
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
losses = []
for _ in range(epochs):
    for start in range(0, len(x_train), batch_size):
        batch = slice(start, start + batch_size)
        loss = loss_fn(model(x_train[batch]), y_train[batch])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())

# proof: same-losses
step_loss = {"step": list(range(1, len(losses) + 1)), "loss": losses}
# proof: same-weights
final_weights = {
    "hidden_kernel": model[0].weight.T,
    "hidden_bias": model[0].bias,
    "output_kernel": model[2].weight.T,
    "output_bias": model[2].bias,
}
final_weights = {
    name: value.detach().cpu().numpy() for name, value in final_weights.items()
}
print(f"steps: {len(losses)}, first loss {losses[0]:.6f}, last loss {losses[-1]:.6f}")
print(f"hidden kernel after training: {final_weights['hidden_kernel'].shape}")
assert losses[-1] < losses[0] / 3
