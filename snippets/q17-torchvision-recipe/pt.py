import torch
from torch import nn
from torchvision.models import ResNet18_Weights, resnet18

from mnist_data import load_mnist

torch.manual_seed(0)
if torch.accelerator.is_available():
    device = torch.accelerator.current_accelerator()
else:
    device = torch.device("cpu")


def count_trainable(module):
    return sum(p.numel() for p in module.parameters() if p.requires_grad)


# weights= names the pretrained weights (downloaded once, then cached); DEFAULT stands
# for the most up-to-date set for this architecture. Its transforms() is the matching
# preprocessing.
weights = ResNet18_Weights.DEFAULT
model = resnet18(weights=weights)
preprocess = weights.transforms()
print(f"weights: {weights}, parameters: {sum(p.numel() for p in model.parameters()):,}")
assert sum(p.numel() for p in model.parameters()) == weights.meta["num_params"]

# Freeze everything, then replace the 1000-class ImageNet head with a new 10-class one:
# a new layer requires gradients, so only the head trains.
model.requires_grad_(False)
model.fc = nn.Linear(model.fc.in_features, 10)
model = model.to(device)
head_only = count_trainable(model)
print(f"trainable parameters, new head only: {head_only:,}")
assert head_only == 512 * 10 + 10  # proof: recipe-head

# Small data: 32 MNIST digits, grey turned into 3 channels, then the weights' own
# transforms (resize to 256, centre crop 224, scale to [0, 1], normalise with
# ImageNet's mean and std).
images, labels = load_mnist("train", n=32)
x = preprocess(torch.tensor(images)[:, None].expand(-1, 3, -1, -1)).to(device)
y = torch.tensor(labels).to(device)
print(f"preprocessed batch: {tuple(x.shape)}, dtype {x.dtype}")
assert x.shape == (32, 3, 224, 224)  # proof: recipe-preprocess

# eval() keeps batch norm on the running statistics learned on ImageNet (question 18).
model.eval()
running_mean = model.bn1.running_mean.clone()
optimizer = torch.optim.Adam(
    [p for p in model.parameters() if p.requires_grad], lr=1e-3
)
optimizer.zero_grad()
nn.functional.cross_entropy(model(x), y).backward()
optimizer.step()
assert torch.equal(running_mean, model.bn1.running_mean)  # proof: recipe-eval

# Fine-tune: unfreeze the last residual stage and give it a smaller learning rate than
# the head, through parameter groups (an lr inside a group overrides the default lr).
model.layer4.requires_grad_(True)
with_layer4 = count_trainable(model)
print(f"trainable parameters, head and layer4: {with_layer4:,}")
assert with_layer4 == head_only + sum(p.numel() for p in model.layer4.parameters())
assert with_layer4 == 8_398_858  # proof: recipe-layer4
optimizer = torch.optim.Adam(
    [
        {"params": model.layer4.parameters(), "lr": 1e-5},
        {"params": model.fc.parameters()},
    ],
    lr=1e-3,
)
learning_rates = [group["lr"] for group in optimizer.param_groups]
print(f"learning rates per group (layer4, head): {learning_rates}")
assert learning_rates == [1e-5, 1e-3]  # proof: recipe-lr

layer3, layer4 = (
    model.layer3[0].conv1.weight.clone(),
    model.layer4[0].conv1.weight.clone(),
)
optimizer.zero_grad()
nn.functional.cross_entropy(model(x), y).backward()
optimizer.step()
layer4_moved = not torch.equal(layer4, model.layer4[0].conv1.weight)
layer3_moved = not torch.equal(layer3, model.layer3[0].conv1.weight)
print(
    f"after a fine-tuning step: layer4 changed {layer4_moved}, "
    f"layer3 changed {layer3_moved}"
)
assert layer4_moved and not layer3_moved  # proof: recipe-step
