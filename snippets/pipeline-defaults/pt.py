import numpy as np
import torch
from torch import nn

from mnist_data import load_mnist

seed = 0
torch.manual_seed(seed)
print(f"seed: {seed}")

# Initialisers: weight and bias both uniform in +-1/sqrt(in), so the bias starts
# non-zero.
layer = nn.Linear(784, 128)
bound = 1 / np.sqrt(784)
print(f"hidden weight: largest |w| {layer.weight.abs().max():.4f}, bound {bound:.4f}")
print(f"hidden bias: all zero {bool((layer.bias == 0).all())}")
# Within the bound and close to it, so neither a narrower nor a wider rule.
assert 0.99 * bound < layer.weight.abs().max() <= bound  # proof: init-bound
assert (layer.bias != 0).any() and layer.bias.abs().max() <= bound  # proof: bias-init

# Loss: CrossEntropyLoss always applies log-softmax itself, so it expects logits.
logits = np.random.default_rng(seed).normal(0, 2, (4, 10)).astype(np.float32)
labels = np.array([3, 1, 4, 1])
probabilities = torch.softmax(torch.tensor(logits), dim=1)
loss_given_logits = nn.CrossEntropyLoss()(
    torch.tensor(logits), torch.tensor(labels)
).item()
loss_given_probabilities = nn.CrossEntropyLoss()(
    probabilities, torch.tensor(labels)
).item()
print(f"loss given logits: {loss_given_logits:.4f}")
print(f"loss given probabilities: {loss_given_probabilities:.4f}")
cross_entropy = loss_given_logits  # The right input for CrossEntropyLoss.
# The cross-entropy of these logits, by hand: -log of the true class's probability.
reference = -np.log(probabilities.numpy()[np.arange(4), labels]).mean()
print(f"cross-entropy by hand: {reference:.4f}")
assert abs(cross_entropy - reference) < 1e-5  # proof: loss-input
assert abs(loss_given_probabilities - reference) > 0.1  # proof: loss-wrong-input

# Optimizers: SGD's learning rate and Adam's epsilon differ from Keras's defaults.
params = [nn.Parameter(torch.zeros(1))]
sgd_learning_rate = torch.optim.SGD(params).defaults["lr"]
adam_epsilon = torch.optim.Adam(params).defaults["eps"]
print(f"SGD learning rate: {sgd_learning_rate}, Adam epsilon: {adam_epsilon}")
# proof: optimizer-defaults
assert sgd_learning_rate == 1e-3 and adam_epsilon == 1e-8

# Training loop: a DataLoader yields one example per batch, in order, unless told
# otherwise.
images = torch.zeros(1000, 784)
loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(images))
batches_per_epoch = len(loader)
shuffled = not isinstance(loader.sampler, torch.utils.data.SequentialSampler)
print(f"batches per epoch over 1000 images: {batches_per_epoch}, shuffled: {shuffled}")
assert batches_per_epoch == 1000 and not shuffled  # proof: batch-defaults

# GPU float32 arithmetic: full float32 matrix products unless TF32 is switched on.
tf32 = torch.backends.cuda.matmul.fp32_precision == "tf32"
# cuDNN convolutions have a switch of their own, and it defaults to TF32.
conv_tf32 = torch.backends.cudnn.conv.fp32_precision == "tf32"
print(f"TF32 on a GPU: matrix products {tf32}, convolutions {conv_tf32}")
assert not tf32  # proof: tf32-default
assert conv_tf32  # proof: conv-tf32-default

# Adam: the same epsilon in both, but Keras adds it to sqrt(v) before the bias
# correction. Same start and batches as the equivalence section: 20 steps over 1,000
# images in order.
device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else "cpu"
)
train_images, train_labels = load_mnist("train", n=1000)
x_train = torch.tensor(train_images.reshape(-1, 784) / np.float32(255), device=device)
y_train = torch.tensor(train_labels, device=device)
learning_rate, beta_1, beta_2, epsilon = 0.001, 0.9, 0.999, 1e-7


def train_with_adam(keras_formula):
    rng = np.random.default_rng(seed)
    hidden_kernel = rng.uniform(-0.08, 0.08, (784, 128)).astype(np.float32)
    output_kernel = rng.uniform(-0.2, 0.2, (128, 10)).astype(np.float32)
    model = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10)).to(device)
    with torch.no_grad():
        for layer, kernel in ((model[0], hidden_kernel), (model[2], output_kernel)):
            layer.weight.copy_(torch.from_numpy(kernel.T))
            layer.bias.zero_()
    params = list(model.parameters())
    optimizer = torch.optim.Adam(
        params, lr=learning_rate, betas=(beta_1, beta_2), eps=epsilon
    )
    loss_fn = nn.CrossEntropyLoss()
    m, v = [torch.zeros_like(p) for p in params], [torch.zeros_like(p) for p in params]
    for step, start in enumerate(range(0, len(x_train), 50), start=1):
        batch = slice(start, start + 50)
        loss = loss_fn(model(x_train[batch]), y_train[batch])
        optimizer.zero_grad()
        loss.backward()
        if not keras_formula:
            # w -= lr / (1 - b1**t) * m / (sqrt(v) / sqrt(1 - b2**t) +
            # eps)
            optimizer.step()
            continue
        # Keras's formula, in float32 as Keras computes it:
        # w -= lr * sqrt(1 - b2**t) / (1 - b1**t) * m / (sqrt(v) + eps)
        t = torch.tensor(step, dtype=torch.float32, device=device)
        alpha = learning_rate * torch.sqrt(1 - beta_2**t) / (1 - beta_1**t)
        with torch.no_grad():
            for p, m_p, v_p in zip(params, m, v, strict=True):
                m_p += (p.grad - m_p) * (1 - beta_1)
                v_p += (p.grad**2 - v_p) * (1 - beta_2)
                p -= m_p * alpha / (v_p.sqrt() + epsilon)
    weights = {
        "hidden_kernel": model[0].weight.T,
        "hidden_bias": model[0].bias,
        "output_kernel": model[2].weight.T,
        "output_bias": model[2].bias,
    }
    return {name: value.detach().cpu().numpy() for name, value in weights.items()}


adam_keras_formula = train_with_adam(keras_formula=True)
adam_pytorch_formula = train_with_adam(keras_formula=False)  # torch.optim.Adam itself.
formula_gap = max(
    np.abs(adam_keras_formula[name] - adam_pytorch_formula[name]).max()
    for name in adam_keras_formula
)
print(
    f"Adam, eps {epsilon}: "
    f"largest weight difference between the formulas {formula_gap:.4f}"
)
# A hundred times the tolerance within which each formula must agree across the
# frameworks.
assert formula_gap > 1e-3  # proof: adam-formulas-differ
