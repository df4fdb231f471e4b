import math

import matplotlib.pyplot as plt
import torch
from torch import nn

from mnist_data import load_mnist

torch.manual_seed(0)
device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else torch.device("cpu")
)

# 2000 digits, flattened and scaled to [-1, 1] to match the generator's tanh.
images, _ = load_mnist("train", n=2000)
real_data = torch.tensor(images.reshape(-1, 784) / 127.5 - 1, dtype=torch.float32).to(
    device
)

latent, batch_size, steps = 32, 64, 800
# LeakyReLU's default slope is 0.01 here and 0.3 in Keras: both files pass 0.2.
assert nn.LeakyReLU().negative_slope == 0.01  # proof: leaky-defaults
generator = nn.Sequential(
    nn.Linear(latent, 256), nn.LeakyReLU(0.2), nn.Linear(256, 784), nn.Tanh()
).to(device)
discriminator = nn.Sequential(
    nn.Linear(784, 256), nn.LeakyReLU(0.2), nn.Linear(256, 1)
).to(device)
g_optimizer = torch.optim.Adam(generator.parameters(), lr=5e-4, betas=(0.5, 0.999))
d_optimizer = torch.optim.Adam(discriminator.parameters(), lr=5e-4, betas=(0.5, 0.999))
# PyTorch losses take (prediction, target). The discriminator outputs a logit, a raw
# score; BCEWithLogitsLoss applies the sigmoid itself: a logit of 2 labelled real
# costs log(1 + e^-2).
loss_fn = nn.BCEWithLogitsLoss()
check = loss_fn(torch.tensor([2.0]), torch.tensor([1.0])).item()
print(f"loss of a logit of 2 labelled real: {check:.4f}")
assert abs(check - math.log1p(math.exp(-2))) < 1e-6  # proof: logit-loss
ones = torch.ones(batch_size, 1, device=device)
zeros = torch.zeros(batch_size, 1, device=device)
with torch.no_grad():
    start_mean = generator(torch.randn(256, latent, device=device)).mean().item()
# Without detach(), a discriminator loss reaches the generator: backward() fills the
# .grad of every parameter the loss depends on.
probe = loss_fn(
    discriminator(generator(torch.zeros(1, latent, device=device))), ones[:1]
)
probe.backward()
assert all(p.grad is not None for p in generator.parameters())  # proof: without-detach
generator.zero_grad()
discriminator.zero_grad()

history = {"step": [], "d_loss": [], "g_loss": []}
for step in range(steps):
    real = real_data[torch.randint(len(real_data), (batch_size,), device=device)]
    noise = torch.randn(batch_size, latent, device=device)
    # Discriminator step: real digits are labelled 1, generated ones 0.
    # detach() keeps this step's gradients out of the generator.
    fake = generator(noise)
    d_loss = loss_fn(discriminator(real), ones) + loss_fn(
        discriminator(fake.detach()), zeros
    )
    d_optimizer.zero_grad()
    d_loss.backward()
    if step == 0:  # No gradient has reached the generator's weights.
        assert all(p.grad is None for p in generator.parameters())  # proof: detach
    d_optimizer.step()
    # Generator step: push the updated discriminator to call the fakes real.
    g_loss = loss_fn(discriminator(fake), ones)
    g_optimizer.zero_grad()
    g_loss.backward()
    g_optimizer.step()
    if step % 50 == 0 or step == steps - 1:
        history["step"].append(step)
        history["d_loss"].append(d_loss.item())
        history["g_loss"].append(g_loss.item())
        print(f"step {step:3d}  d_loss {d_loss.item():.3f}  g_loss {g_loss.item():.3f}")

with torch.no_grad():
    samples = generator(torch.randn(32, latent, device=device)).cpu()
real_mean, end_mean = real_data.mean().item(), samples.mean().item()
spread = samples.std(dim=0).mean().item()
print(
    f"mean pixel, real: {real_mean:.3f}, generated before: {start_mean:.3f}, after: "
    f"{end_mean:.3f}"
)
print(f"pixel spread across samples: {spread:.3f}")
# Neither network has won outright, the generated digits have moved most of the way
# towards the real ones' brightness, and they are not all the same image.
assert all(0.05 < d < 3 for d in history["d_loss"][-4:])  # proof: no-outright-win
# proof: brightness
assert abs(end_mean - real_mean) < 0.5 * abs(start_mean - real_mean)
assert spread > 0.1  # proof: samples-differ

plt.rcParams["svg.hashsalt"] = "x"
fig, axes = plt.subplots(4, 8, figsize=(6, 3))
fig.subplots_adjust(0, 0, 1, 1, 0.05, 0.05)
for image, ax in zip(samples, axes.flat, strict=True):
    ax.imshow(image.reshape(28, 28), cmap="gray", vmin=-1, vmax=1)
    ax.axis("off")
fig.savefig("samples.png", dpi=80)
fig, ax = plt.subplots(figsize=(6, 3))
ax.plot(history["step"], history["d_loss"], label="discriminator")
ax.plot(history["step"], history["g_loss"], label="generator")
ax.set_xlabel("step")
ax.legend()
fig.savefig("losses.svg", metadata={"Date": None})
