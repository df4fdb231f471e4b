import numpy as np
import torch
from torch import nn

seed = 0
torch.manual_seed(seed)
print(f"seed: {seed}")

# Initialisers: weight and bias both uniform in +-1/sqrt(in), so the bias starts non-zero.
layer = nn.Linear(784, 128)
bound = 1 / np.sqrt(784)
print(f"hidden weight: largest |w| {layer.weight.abs().max():.4f}, bound {bound:.4f}")
print(f"hidden bias: all zero {bool((layer.bias == 0).all())}")
assert layer.weight.abs().max() <= bound and layer.bias.abs().max() <= bound
assert (layer.bias != 0).any()

# Loss: CrossEntropyLoss always applies log-softmax itself, so it expects logits.
logits = np.random.default_rng(seed).normal(0, 2, (4, 10)).astype(np.float32)
labels = np.array([3, 1, 4, 1])
probabilities = torch.softmax(torch.tensor(logits), dim=1)
loss_given_logits = nn.CrossEntropyLoss()(torch.tensor(logits), torch.tensor(labels)).item()
loss_given_probabilities = nn.CrossEntropyLoss()(probabilities, torch.tensor(labels)).item()
print(f"loss given logits: {loss_given_logits:.4f}")
print(f"loss given probabilities: {loss_given_probabilities:.4f}")
cross_entropy = loss_given_logits  # The right input for CrossEntropyLoss.
assert abs(loss_given_logits - loss_given_probabilities) > 0.1

# Optimizers: SGD's learning rate and Adam's epsilon differ from Keras's defaults.
params = [nn.Parameter(torch.zeros(1))]
sgd_learning_rate = torch.optim.SGD(params).defaults["lr"]
adam_epsilon = torch.optim.Adam(params).defaults["eps"]
print(f"SGD learning rate: {sgd_learning_rate}, Adam epsilon: {adam_epsilon}")
assert sgd_learning_rate == 1e-3 and adam_epsilon == 1e-8

# Training loop: a DataLoader yields one example per batch, in order, unless told otherwise.
images = torch.zeros(1000, 784)
loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(images))
batches_per_epoch = len(loader)
shuffled = not isinstance(loader.sampler, torch.utils.data.SequentialSampler)
print(f"batches per epoch over 1000 images: {batches_per_epoch}, shuffled: {shuffled}")
assert batches_per_epoch == 1000 and not shuffled

# GPU matrix products: full float32 unless TF32 is switched on.
tf32 = torch.get_float32_matmul_precision() != "highest"
print(f"TF32 matrix products on a GPU: {tf32}")
assert not tf32
