import matplotlib.pyplot as plt
import torch
from torch import nn

from mnist_data import load_mnist

seed = 0
torch.manual_seed(seed)
print(f"seed: {seed}")  # proof: seed
# One thread per operation in both frameworks, so that timings compare like with like.
torch.set_num_threads(1)
device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else "cpu"
)

# 1. Load: uint8 images and int64 labels, as NumPy arrays.
train_images, train_labels = load_mnist("train", n=1000)
test_images, test_labels = load_mnist("test")
print(f"1 load: images {train_images.shape} {train_images.dtype}")
print(
    f"1 load: labels {train_labels.shape} {train_labels.dtype}, first {train_labels[0]}"
)
shapes = (train_images.shape, train_labels.shape)
dtypes = (train_images.dtype, train_labels.dtype)
# proof: loader
assert shapes == ((1000, 28, 28), (1000,)) and dtypes == ("uint8", "int64")

# 2. Normalise: divide by 255 to get float32 values in [0, 1].
images = torch.tensor(train_images, dtype=torch.float32) / 255
scaled_pixel = images[0, 13, 17].item()
print(f"2 normalise: pixel [0, 13, 17] {train_images[0, 13, 17]} -> {scaled_pixel:.4f}")
# Every value lies in [0, 1] and both ends are reached, so the divisor is 255.
assert images.min() == 0 and images.max() == 1  # proof: scaled-range

# 3. Flatten: each 28x28 image becomes a row of 784 features.
x_train, y_train = (
    images.reshape(-1, 784).to(device),
    torch.tensor(train_labels).to(device),
)
x_test = (
    (torch.tensor(test_images, dtype=torch.float32) / 255).reshape(-1, 784).to(device)
)
y_test = torch.tensor(test_labels).to(device)
print(f"3 flatten: {tuple(x_train.shape)}")

# 4. Train: 784 -> 128 (ReLU) -> 10 logits, Adam, batches of 32 in a shuffled order, 5
# epochs.
model = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10)).to(device)
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
batch_size, epochs = 32, 5
for _ in range(epochs):
    epoch_loss = 0.0
    for batch in torch.randperm(len(x_train), device=device).split(batch_size):
        loss = loss_fn(model(x_train[batch]), y_train[batch])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        epoch_loss += loss.item() * len(batch) / len(x_train)
print(f"4 train: {epochs} epochs, last epoch's mean loss {epoch_loss:.4f}")
print(f"4 train: hidden weight {tuple(model[0].weight.shape)} (out, in)")
assert model[0].weight.shape == (128, 784)  # proof: weight-layout

# 5. Evaluate on the 200 test images.
with torch.no_grad():
    logits = model(x_test)
test_loss = loss_fn(logits, y_test).item()
correct = (logits.argmax(dim=1) == y_test).sum().item()
print(
    f"5 evaluate: accuracy {correct / len(y_test):.3f}, loss {test_loss:.4f}, "
    f"{correct}/200"
)
print("5 evaluate: claimed accuracy 0.92, loss 0.25, 184/200")

# 6. Predict one image: softmax turns its 10 logits into probabilities that sum to 1.
probabilities = torch.softmax(logits[0], dim=0)
predicted = probabilities.argmax().item()
print(
    f"6 predict: {probabilities.cpu().numpy().round(3)}, sum {probabilities.sum():.4f}"
)
print(f"6 predict: predicted {predicted}, true {test_labels[0]}")
assert abs(probabilities.sum().item() - 1) < 1e-5  # proof: sum-to-one
plt.figure(figsize=(2, 2))
plt.imshow(test_images[0], cmap="gray_r")
plt.title(f"predicted {predicted}, true {test_labels[0]}", fontsize=9)
plt.axis("off")
plt.savefig("digit.png", dpi=80)
